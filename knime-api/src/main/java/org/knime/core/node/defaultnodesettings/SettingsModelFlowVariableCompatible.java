package org.knime.core.node.defaultnodesettings;

/**
 * Models whose value can be controlled by a flow variable. (KNIME also declares {@code getFlowVariableType()},
 * whose return type lives in org.knime.core.node.workflow and is omitted here: don't implement this interface.)
 */
public interface SettingsModelFlowVariableCompatible {

    /** @return the settings key of the value */
    String getKey();
}
