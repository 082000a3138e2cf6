package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/** A int setting restricted to [min, max]; stored like {@link SettingsModelInteger}. */
public class SettingsModelIntegerBounded extends SettingsModelInteger {

    private final int m_minValue;

    private final int m_maxValue;

    /** @throws IllegalArgumentException if min &gt; max or the default is out of range */
    public SettingsModelIntegerBounded(final String configName, final int defaultValue, final int minValue,
        final int maxValue) {
        super(configName, defaultValue);
        if (minValue > maxValue) {
            throw new IllegalArgumentException("Specified min value must be smaller than the max value.");
        }
        m_minValue = minValue;
        m_maxValue = maxValue;
        try {
            checkBounds(defaultValue);
        } catch (IllegalArgumentException iae) {
            throw new IllegalArgumentException("InitialValue:" + iae.getMessage());
        }
    }

    @Override
    protected SettingsModelIntegerBounded createClone() {
        return new SettingsModelIntegerBounded(getConfigName(), getIntValue(), m_minValue, m_maxValue);
    }

    public int getLowerBound() {
        return m_minValue;
    }

    public int getUpperBound() {
        return m_maxValue;
    }

    @Override
    protected void validateValue(final int value) throws InvalidSettingsException {
        super.validateValue(value);
        try {
            checkBounds(value);
        } catch (IllegalArgumentException iae) {
            throw new InvalidSettingsException(iae.getMessage());
        }
    }

    /** @throws IllegalArgumentException if the value is out of range */
    @Override
    public void setIntValue(final int newValue) {
        checkBounds(newValue);
        super.setIntValue(newValue);
    }

    private void checkBounds(final int val) {
        if ((val < m_minValue) || (m_maxValue < val)) {
            throw new IllegalArgumentException("value (=" + val + ") must be within the range [" + m_minValue
                + "..." + m_maxValue + "].");
        }
    }
}
