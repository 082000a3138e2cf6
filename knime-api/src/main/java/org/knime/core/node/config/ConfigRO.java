package org.knime.core.node.config;

import java.util.Iterator;

import javax.swing.tree.TreeNode;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBaseRO;

/** Read access to a {@link Config}; adds sub-config, cell, type and row-key getters to {@link ConfigBaseRO}. */
public interface ConfigRO extends ConfigBaseRO, TreeNode, Iterable<String> {

    public Config getConfig(String key) throws InvalidSettingsException;

    public DataCell getDataCell(final String key) throws InvalidSettingsException;

    public RowKey getRowKey(final String key) throws InvalidSettingsException;

    public RowKey[] getRowKeyArray(final String key) throws InvalidSettingsException;

    public DataType getDataType(final String key) throws InvalidSettingsException;

    public DataCell getDataCell(final String key, final DataCell def);

    public RowKey getRowKey(final String key, final RowKey def);

    public RowKey[] getRowKeyArray(final String key, final RowKey... def);

    public DataType getDataType(final String key, final DataType def);

    public DataCell[] getDataCellArray(final String key) throws InvalidSettingsException;

    public DataCell[] getDataCellArray(final String key, final DataCell... def);

    public DataType[] getDataTypeArray(final String key) throws InvalidSettingsException;

    public DataType[] getDataTypeArray(final String key, final DataType... v);

    @Override
    public Iterator<String> iterator();
}
