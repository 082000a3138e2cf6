package org.knime.core.node;

import java.awt.BorderLayout;
import java.awt.Component;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Base class of classic (Swing) node dialogs: a tabbed pane the subclass adds components to, plus load/save of the
 * node settings. Subclasses override {@link #saveSettingsTo(NodeSettingsWO)} and one of the loadSettingsFrom
 * methods. (KNIME adds flow-variable and memory tabs; this subset doesn't.)
 */
public abstract class NodeDialogPane {

    private final NodeLogger m_logger = NodeLogger.getLogger(getClass());

    private final JPanel m_panel;

    private final JTabbedPane m_pane;

    private final Map<String, Component> m_tabs = new LinkedHashMap<>();

    protected NodeDialogPane() {
        m_panel = new JPanel(new BorderLayout());
        m_pane = new JTabbedPane();
        m_panel.add(m_pane, BorderLayout.CENTER);
    }

    protected final NodeLogger getLogger() {
        return m_logger;
    }

    /** @return the panel holding the tabs; don't modify it */
    public final JPanel getPanel() {
        return m_panel;
    }

    /**
     * Loads settings (possibly empty or invalid) into the dialog. The default casts the specs to
     * {@link DataTableSpec}s and calls {@link #loadSettingsFrom(NodeSettingsRO, DataTableSpec[])}.
     */
    protected void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        DataTableSpec[] inDataSpecs = new DataTableSpec[specs.length];
        for (int i = 0; i < specs.length; i++) {
            try {
                inDataSpecs[i] = (DataTableSpec)specs[i];
            } catch (ClassCastException cce) {
                throw new NotConfigurableException("Input Port " + i + " does not hold data table specs. "
                    + "Likely reason: wrong version of loadSettingsFrom() overwritten!");
            }
        }
        loadSettingsFrom(settings, inDataSpecs);
    }

    protected void loadSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs)
        throws NotConfigurableException {
        throw new NotConfigurableException("NodeDialogPane.loadSettingsFrom() implementation missing!");
    }

    /** Writes the user's settings with the model's keys. */
    protected abstract void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException;

    /** Called when the dialog is canceled. */
    public void onCancel() {
        // empty
    }

    /** Called when the dialog is closed. */
    public void onClose() {
        // empty
    }

    /** Called before the dialog is shown. */
    public void onOpen() {
        // empty
    }

    /** @return whether ESC closes the dialog */
    public boolean closeOnESC() {
        return true;
    }

    /** Adds a tab (wrapped in a scroll pane); a duplicate title is made unique. */
    protected final void addTab(final String title, final Component comp) {
        addTab(title, comp, true);
    }

    protected final void addTab(final String title, final Component comp, final boolean wrapInScrollPane) {
        if (title == null || comp == null) {
            throw new NullPointerException("Tab title and component must not be null");
        }
        if (m_tabs.get(title) == comp) {
            return;
        }
        String titleToUse = title;
        for (int idx = 2; m_tabs.containsKey(titleToUse); idx++) {
            titleToUse = title + " (#" + idx + ")";
        }
        insertNewTabAt(Integer.MAX_VALUE, titleToUse, comp, wrapInScrollPane);
    }

    /**
     * @return the index the tab was placed at
     * @throws IllegalArgumentException if title or component are already used
     */
    protected final int addTabAt(final int index, final String title, final Component comp) {
        return addTabAt(index, title, comp, true);
    }

    protected final int addTabAt(final int index, final String title, final Component comp,
        final boolean wrapInScrollPane) {
        if (title == null || comp == null) {
            throw new NullPointerException("Tab title and component must not be null");
        }
        if (m_tabs.containsKey(title)) {
            throw new IllegalArgumentException("Can't use a tab title twice in the same dialog.");
        }
        if (m_tabs.containsValue(comp)) {
            throw new IllegalArgumentException("Can't register the same component twice in the same dialog");
        }
        if (index < 0) {
            throw new IndexOutOfBoundsException("Index must be greater than or equal to zero");
        }
        return insertNewTabAt(index, title, comp, wrapInScrollPane);
    }

    private int insertNewTabAt(final int index, final String title, final Component comp,
        final boolean wrapInScrollPane) {
        int idx = Math.min(index, m_pane.getTabCount());
        Component tab = wrapInScrollPane && !(comp instanceof JScrollPane) ? new JScrollPane(comp) : comp;
        m_pane.insertTab(title, null, tab, null, idx);
        m_tabs.put(title, comp);
        return idx;
    }

    protected final void renameTab(final String oldName, final String newName) {
        if (oldName == null || newName == null) {
            throw new NullPointerException("The title of a tab in the dialog can't be null");
        }
        if (!m_tabs.containsKey(oldName)) {
            throw new IllegalArgumentException("Tab with specified name doesn't exist.");
        }
        if (m_tabs.containsKey(newName)) {
            throw new IllegalArgumentException("Another tab with the specified new name already exists");
        }
        int index = m_pane.indexOfTab(oldName);
        m_tabs.put(newName, m_tabs.remove(oldName));
        m_pane.setTitleAt(index, newName);
    }

    /** @return whether a tab with that title exists (and is now selected) */
    protected final boolean setSelected(final String tabTitle) {
        int index = getTabIndex(tabTitle);
        if (index >= 0) {
            m_pane.setSelectedIndex(index);
        }
        return index >= 0;
    }

    protected final Component getTab(final String title) {
        return m_tabs.get(title);
    }

    protected final void removeTab(final String name) {
        int index = getTabIndex(name);
        if (index >= 0) {
            m_pane.removeTabAt(index);
            m_tabs.remove(name);
        }
    }

    protected final int getTabIndex(final String title) {
        return m_pane.indexOfTab(title);
    }

    protected final List<String> getTabTitles() {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < m_pane.getTabCount(); i++) {
            result.add(m_pane.getTitleAt(i));
        }
        return Collections.unmodifiableList(result);
    }
}
