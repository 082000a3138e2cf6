package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.List;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JPanel;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A dialog assembled from {@link DialogComponent}s, which load and save themselves. Extension hooks are
 * {@link #loadAdditionalSettingsFrom(NodeSettingsRO, PortObjectSpec[])} and
 * {@link #saveAdditionalSettingsTo(NodeSettingsWO)}; the load/save methods themselves are final.
 */
public class DefaultNodeSettingsPane extends NodeDialogPane {

    private static final String TAB_TITLE = "Options";

    private final List<DialogComponent> m_dialogComponents = new ArrayList<>();

    private JPanel m_compositePanel;

    private JPanel m_currentPanel;

    private String m_defaultTabTitle = TAB_TITLE;

    private Box m_currentBox;

    private boolean m_horizontal;

    public DefaultNodeSettingsPane() {
        super();
        createNewPanels();
        super.addTab(m_defaultTabTitle, m_compositePanel);
    }

    private void createNewPanels() {
        m_compositePanel = new JPanel();
        m_compositePanel.setLayout(new BoxLayout(m_compositePanel, BoxLayout.Y_AXIS));
        m_currentPanel = m_compositePanel;
        m_currentBox = createBox(m_horizontal);
        m_currentPanel.add(m_currentBox);
    }

    /** @throws IllegalArgumentException if the title is empty or used by another tab */
    public void setDefaultTabTitle(final String tabTitle) {
        if (tabTitle == null || tabTitle.isEmpty()) {
            throw new IllegalArgumentException("The title of a tab can't be null or empty.");
        }
        if (tabTitle.equals(m_defaultTabTitle)) {
            return;
        }
        if (super.getTab(tabTitle) != null) {
            throw new IllegalArgumentException("A tab with the specified new name (" + tabTitle
                + ") already exists.");
        }
        super.renameTab(m_defaultTabTitle, tabTitle);
        m_defaultTabTitle = tabTitle;
    }

    /** Components added from now on go to a new tab at {@code index}. */
    public void createNewTabAt(final String tabTitle, final int index) {
        if (tabTitle == null || tabTitle.isEmpty()) {
            throw new IllegalArgumentException("The title of a tab can't be null nor empty.");
        }
        if (super.getTab(tabTitle) != null) {
            throw new IllegalArgumentException("A tab with the specified new name (" + tabTitle
                + ") already exists.");
        }
        createNewPanels();
        super.addTabAt(index, tabTitle, m_compositePanel);
    }

    public void createNewTab(final String tabTitle) {
        createNewTabAt(tabTitle, Integer.MAX_VALUE);
    }

    public void selectTab(final String tabTitle) {
        setSelected(tabTitle);
    }

    /** Components added from now on go into a titled border group. */
    public void createNewGroup(final String title) {
        checkForEmptyBox();
        JPanel panel = new JPanel();
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        panel.setBorder(BorderFactory.createTitledBorder(BorderFactory.createEtchedBorder(), title));
        m_compositePanel.add(panel);
        m_currentPanel = panel;
        m_currentBox = createBox(m_horizontal);
        m_currentPanel.add(m_currentBox);
    }

    public void closeCurrentGroup() {
        checkForEmptyBox();
        if (m_currentPanel.getComponentCount() == 0) {
            m_compositePanel.remove(m_currentPanel);
        }
        m_currentPanel = m_compositePanel;
        m_currentBox = createBox(m_horizontal);
        m_currentPanel.add(m_currentBox);
    }

    public void addDialogComponent(final DialogComponent diaC) {
        m_dialogComponents.add(diaC);
        m_currentBox.add(diaC.getComponentPanel());
        m_currentBox.add(m_horizontal ? Box.createVerticalGlue() : Box.createHorizontalGlue());
    }

    public void setHorizontalPlacement(final boolean horizontal) {
        if (m_horizontal != horizontal) {
            m_horizontal = horizontal;
            checkForEmptyBox();
            m_currentBox = createBox(m_horizontal);
            m_currentPanel.add(m_currentBox);
        }
    }

    @Override
    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        for (DialogComponent comp : m_dialogComponents) {
            comp.loadSettingsFrom(settings, specs);
        }
        loadAdditionalSettingsFrom(settings, specs);
    }

    @Override
    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        for (DialogComponent comp : m_dialogComponents) {
            comp.saveSettingsTo(settings);
        }
        saveAdditionalSettingsTo(settings);
    }

    /** Hook for settings not handled by components; the default forwards to the table-spec variant. */
    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        DataTableSpec[] dtsArray = new DataTableSpec[specs.length];
        for (int i = 0; i < dtsArray.length; i++) {
            PortObjectSpec s = specs[i];
            if (s instanceof DataTableSpec dts) {
                dtsArray[i] = dts;
            } else if (s == null) {
                dtsArray[i] = new DataTableSpec();
            } else {
                return; // mixed port types: only the PortObjectSpec hook applies
            }
        }
        loadAdditionalSettingsFrom(settings, dtsArray);
    }

    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs)
        throws NotConfigurableException {
        // empty
    }

    public void saveAdditionalSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        // empty
    }

    private void checkForEmptyBox() {
        if (m_currentBox.getComponentCount() <= 1) {
            m_currentPanel.remove(m_currentBox);
        }
    }

    private static Box createBox(final boolean horizontal) {
        Box box = new Box(horizontal ? BoxLayout.X_AXIS : BoxLayout.Y_AXIS);
        box.add(horizontal ? Box.createVerticalGlue() : Box.createHorizontalGlue());
        return box;
    }
}
