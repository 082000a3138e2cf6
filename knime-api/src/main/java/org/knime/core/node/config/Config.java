package org.knime.core.node.config;

import java.io.IOException;
import java.io.InputStream;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.MissingCell;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.AbstractConfigEntry;
import org.knime.core.node.config.base.ConfigBase;

/**
 * A {@link ConfigBase} whose sub configs are {@link Config}s and which can also hold cells, types and row keys, in
 * KNIME's layout: a cell is a sub config with entry {@code datacell} (cell class name) and a sub config named by the
 * class holding the value under the class' simple name; a type is a sub config with {@code cell_class} and
 * {@code is_null}. Only the standard cells (string, int, long, double, boolean, missing) are supported here.
 */
public abstract class Config extends ConfigBase implements ConfigRO, ConfigWO {

    private static final long serialVersionUID = 1L;

    private static final String CFG_ARRAY_SIZE = "array-size";

    private static final String CFG_IS_NULL = "is_null";

    private static final String CFG_DATA_CELL = "datacell";

    protected Config(final String key) {
        super(key);
    }

    @Override
    public abstract Config getInstance(final String key);

    @Override
    public final Config addConfig(final String key) {
        final Config config = getInstance(key);
        put(config);
        return config;
    }

    protected final void addConfig(final Config config) {
        if (getClass() != config.getClass()) {
            throw new IllegalArgumentException("This " + getClass() + " is not equal to " + config.getClass());
        }
        put(config);
    }

    @Override
    public final Config getConfig(final String key) throws InvalidSettingsException {
        Object o = get(key);
        if (!(o instanceof Config)) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
        }
        return (Config)o;
    }

    // ---- cells

    @Override
    public void addDataCell(final String key, final DataCell cell) {
        ConfigWO config = addConfig(key);
        if (cell == null) {
            config.addString(CFG_DATA_CELL, null);
            return;
        }
        String className = cell.getClass().getName();
        config.addString(CFG_DATA_CELL, className);
        Config cellConfig = config.addConfig(className);
        String valueKey = cell.getClass().getSimpleName();
        if (cell instanceof BooleanCell b) {
            cellConfig.addBoolean(valueKey, b.getBooleanValue());
        } else if (cell instanceof StringCell s) {
            cellConfig.addString(valueKey, s.getStringValue());
        } else if (cell instanceof DoubleCell d) {
            cellConfig.addDouble(valueKey, d.getDoubleValue());
        } else if (cell instanceof LongCell l) {
            cellConfig.addLong(valueKey, l.getLongValue());
        } else if (cell instanceof IntCell i) {
            cellConfig.addInt(valueKey, i.getIntValue());
        } else if (!(cell instanceof MissingCell)) {
            throw new UnsupportedOperationException("not available in the compile-only KNIME API subset: "
                + "storing cells of type " + className);
        }
    }

    @Override
    public DataCell getDataCell(final String key) throws InvalidSettingsException {
        ConfigRO config = getConfig(key);
        String className = config.getString(CFG_DATA_CELL);
        if (className == null) {
            return null;
        }
        if (className.equals(MissingCell.class.getName())) {
            return DataType.getMissingCell();
        }
        Config cellConfig = config.getConfig(className);
        String valueKey = className.substring(className.lastIndexOf('.') + 1);
        if (className.equals(BooleanCell.class.getName())) {
            return cellConfig.getBoolean(valueKey) ? BooleanCell.TRUE : BooleanCell.FALSE;
        } else if (className.equals(StringCell.class.getName())) {
            return new StringCell(cellConfig.getString(valueKey));
        } else if (className.equals(DoubleCell.class.getName())) {
            return new DoubleCell(cellConfig.getDouble(valueKey));
        } else if (className.equals(LongCell.class.getName())) {
            return new LongCell(cellConfig.getLong(valueKey));
        } else if (className.equals(IntCell.class.getName())) {
            return new IntCell(cellConfig.getInt(valueKey));
        }
        throw new UnsupportedOperationException("not available in the compile-only KNIME API subset: "
            + "reading cells of type " + className);
    }

    @Override
    public DataCell getDataCell(final String key, final DataCell def) {
        try {
            return getDataCell(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public DataCell[] getDataCellArray(final String key) throws InvalidSettingsException {
        Config config = getConfig(key);
        int size = config.getInt(CFG_ARRAY_SIZE, -1);
        if (size == -1) {
            return null;
        }
        DataCell[] ret = new DataCell[size];
        for (int i = 0; i < size; i++) {
            ret[i] = config.getDataCell(Integer.toString(i));
        }
        return ret;
    }

    @Override
    public DataCell[] getDataCellArray(final String key, final DataCell... def) {
        try {
            return getDataCellArray(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public void addDataCellArray(final String key, final DataCell... values) {
        ConfigWO config = addConfig(key);
        if (values != null) {
            config.addInt(CFG_ARRAY_SIZE, values.length);
            for (int i = 0; i < values.length; i++) {
                config.addDataCell(Integer.toString(i), values[i]);
            }
        }
    }

    // ---- types

    @Override
    public void addDataType(final String key, final DataType type) {
        ConfigWO config = addConfig(key);
        if (type == null) {
            config.addBoolean(CFG_IS_NULL, true);
        } else {
            type.save(config);
            config.addBoolean(CFG_IS_NULL, false);
        }
    }

    @Override
    public DataType getDataType(final String key) throws InvalidSettingsException {
        Config config = getConfig(key);
        if (config.getBoolean(CFG_IS_NULL)) {
            return null;
        }
        return DataType.load(config);
    }

    @Override
    public DataType getDataType(final String key, final DataType def) {
        try {
            return getDataType(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public DataType[] getDataTypeArray(final String key) throws InvalidSettingsException {
        Config config = getConfig(key);
        int size = config.getInt(CFG_ARRAY_SIZE, -1);
        if (size == -1) {
            return null;
        }
        DataType[] ret = new DataType[size];
        for (int i = 0; i < size; i++) {
            ret[i] = config.getDataType(Integer.toString(i));
        }
        return ret;
    }

    @Override
    public DataType[] getDataTypeArray(final String key, final DataType... v) {
        try {
            return getDataTypeArray(key);
        } catch (InvalidSettingsException ise) {
            return v;
        }
    }

    @Override
    public void addDataTypeArray(final String key, final DataType... values) {
        ConfigWO config = addConfig(key);
        if (values != null) {
            config.addInt(CFG_ARRAY_SIZE, values.length);
            for (int i = 0; i < values.length; i++) {
                config.addDataType(Integer.toString(i), values[i]);
            }
        }
    }

    // ---- row keys (stored as strings)

    @Override
    public RowKey getRowKey(final String key) throws InvalidSettingsException {
        String rk = getString(key);
        return rk == null ? null : new RowKey(rk);
    }

    @Override
    public RowKey getRowKey(final String key, final RowKey def) {
        String rk = getString(key, def == null ? null : def.getString());
        return rk == null ? null : new RowKey(rk);
    }

    @Override
    public void addRowKey(final String key, final RowKey rowKey) {
        addString(key, rowKey == null ? null : rowKey.getString());
    }

    @Override
    public RowKey[] getRowKeyArray(final String key) throws InvalidSettingsException {
        String[] strs = getStringArray(key);
        return strs == null ? null : RowKey.toRowKeys(strs);
    }

    @Override
    public RowKey[] getRowKeyArray(final String key, final RowKey... def) {
        String[] strs = getStringArray(key, def == null ? null : RowKey.toStrings(def));
        return strs == null ? null : RowKey.toRowKeys(strs);
    }

    @Override
    public void addRowKeyArray(final String key, final RowKey... rowKey) {
        addStringArray(key, rowKey == null ? null : RowKey.toStrings(rowKey));
    }

    // ---- misc

    @Override
    public void addEntry(final AbstractConfigEntry entry) {
        put(entry);
    }

    @Override
    public String toString() {
        return super.getKey();
    }

    protected static Config loadFromXML(final Config config, final InputStream in) throws IOException {
        if (in == null) {
            throw new NullPointerException();
        }
        config.load(in);
        return config;
    }

    @Override
    public void load(final InputStream is) throws IOException {
        super.load(is);
    }
}
