package org.knime.core.node.defaultnodesettings;

import java.text.ParseException;

import javax.swing.JLabel;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A spinner for an int, long or double model; bounded models limit the spinner. */
public class DialogComponentNumber extends DialogComponent {

    private final JSpinner m_spinner;

    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize) {
        this(numberModel, label, stepSize, 10);
    }

    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize,
        final int compWidth) {
        super(numberModel);
        m_spinner = new JSpinner(createModel(numberModel, stepSize));
        ((JSpinner.DefaultEditor)m_spinner.getEditor()).getTextField().setColumns(compWidth);
        getComponentPanel().add(new JLabel(label));
        getComponentPanel().add(m_spinner);
        numberModel.addChangeListener(e -> updateComponent());
        updateComponent();
    }

    private static SpinnerNumberModel createModel(final SettingsModelNumber model, final Number step) {
        if (model instanceof SettingsModelIntegerBounded b) {
            return new SpinnerNumberModel(b.getIntValue(), b.getLowerBound(), b.getUpperBound(), step.intValue());
        } else if (model instanceof SettingsModelInteger i) {
            return new SpinnerNumberModel(i.getIntValue(), Integer.MIN_VALUE, Integer.MAX_VALUE, step.intValue());
        } else if (model instanceof SettingsModelDoubleBounded b) {
            return new SpinnerNumberModel(b.getDoubleValue(), b.getLowerBound(), b.getUpperBound(),
                step.doubleValue());
        } else if (model instanceof SettingsModelDouble d) {
            return new SpinnerNumberModel(d.getDoubleValue(), -Double.MAX_VALUE, Double.MAX_VALUE, step.doubleValue());
        } else if (model instanceof SettingsModelLong l) {
            return new SpinnerNumberModel(Long.valueOf(l.getLongValue()), Long.valueOf(Long.MIN_VALUE),
                Long.valueOf(Long.MAX_VALUE), Long.valueOf(step.longValue()));
        }
        throw new IllegalArgumentException("Unsupported number model " + model);
    }

    private Number modelValue() {
        SettingsModel m = getModel();
        if (m instanceof SettingsModelInteger i) {
            return i.getIntValue();
        } else if (m instanceof SettingsModelDouble d) {
            return d.getDoubleValue();
        }
        return ((SettingsModelLong)m).getLongValue();
    }

    @Override
    protected void updateComponent() {
        Number value = modelValue();
        if (!value.equals(m_spinner.getValue())) {
            m_spinner.setValue(value);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        try {
            m_spinner.commitEdit();
            ((SettingsModelNumber)getModel()).setNumberValueStr(m_spinner.getValue().toString());
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidSettingsException("Please enter a valid number: " + e.getMessage(), e);
        }
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // any input is fine
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_spinner.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_spinner.setToolTipText(text);
    }
}
