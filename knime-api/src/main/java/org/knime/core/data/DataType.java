package org.knime.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.ConfigRO;
import org.knime.core.node.config.ConfigWO;

/**
 * The type of a column, defined by a cell class: it is compatible with every {@link DataValue} interface the cell
 * class implements. Saved in configs as entry {@code cell_class}.
 */
public final class DataType {

    private static final String CFG_CELL_NAME = "cell_class";

    private static final Map<Class<? extends DataCell>, DataType> TYPES = new ConcurrentHashMap<>();

    private static final DataCell MISSING_CELL = new MissingCell(null);

    private final Class<? extends DataCell> m_cellClass;

    private final List<Class<? extends DataValue>> m_valueClasses;

    private DataType(final Class<? extends DataCell> cellClass) {
        m_cellClass = cellClass;
        m_valueClasses = Collections.unmodifiableList(collectValueClasses(cellClass));
    }

    /** Value interfaces in declaration order, superclass' after the class' own, without duplicates. */
    private static List<Class<? extends DataValue>> collectValueClasses(final Class<?> cellClass) {
        Set<Class<? extends DataValue>> result = new LinkedHashSet<>();
        for (Class<?> c = cellClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                addValueInterface(i, result);
            }
        }
        result.remove(DataValue.class);
        return new ArrayList<>(result);
    }

    private static void addValueInterface(final Class<?> i, final Set<Class<? extends DataValue>> result) {
        if (DataValue.class.isAssignableFrom(i)) {
            result.add(i.asSubclass(DataValue.class));
            for (Class<?> sup : i.getInterfaces()) {
                addValueInterface(sup, result);
            }
        }
    }

    public static DataType getType(final Class<? extends DataCell> cell) {
        if (cell == null) {
            throw new NullPointerException("Cell class must not be null.");
        }
        return TYPES.computeIfAbsent(cell, DataType::new);
    }

    /** @return the singleton missing cell */
    public static DataCell getMissingCell() {
        return MISSING_CELL;
    }

    public Class<? extends DataCell> getCellClass() {
        return m_cellClass;
    }

    /** @return whether cells of this type provide the given value interface */
    public boolean isCompatible(final Class<? extends DataValue> valueClass) {
        return valueClass == DataValue.class || valueClass.isAssignableFrom(m_cellClass);
    }

    /** @return the first value interface implemented by the cell class */
    public Class<? extends DataValue> getPreferredValueClass() {
        return m_valueClasses.isEmpty() ? DataValue.class : m_valueClasses.get(0);
    }

    public List<Class<? extends DataValue>> getValueClasses() {
        return m_valueClasses;
    }

    /** @return whether every value this type provides is also provided by {@code type} */
    public boolean isASuperTypeOf(final DataType type) {
        if (type == null) {
            return false;
        }
        if (equals(type)) {
            return true;
        }
        for (Class<? extends DataValue> v : m_valueClasses) {
            if (!type.isCompatible(v)) {
                return false;
            }
        }
        return true;
    }

    public String getName() {
        String n = m_cellClass.getSimpleName();
        return switch (n) {
            case "DoubleCell" -> "Number (double)";
            case "IntCell" -> "Number (integer)";
            case "LongCell" -> "Number (long)";
            case "StringCell" -> "String";
            case "BooleanCell" -> "Boolean value";
            case "PNGImageCell" -> "PNG Image";
            default -> n.endsWith("Cell") && n.length() > 4 ? n.substring(0, n.length() - 4) : n;
        };
    }

    @Override
    public String toString() {
        return getName();
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof DataType other && other.m_cellClass.equals(m_cellClass);
    }

    @Override
    public int hashCode() {
        return m_cellClass.hashCode();
    }

    /** Saves the type (its cell class name) to a config. */
    public void save(final ConfigWO config) {
        config.addString(CFG_CELL_NAME, m_cellClass.getName());
    }

    /** Counterpart of {@link #save(ConfigWO)}; the class is resolved with the context class loader. */
    public static DataType load(final ConfigRO config) throws InvalidSettingsException {
        String className = config.getString(CFG_CELL_NAME);
        if (className == null) {
            throw new InvalidSettingsException("Non-native data types are not available in the compile-only subset");
        }
        try {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            Class<?> c = Class.forName(className, false, cl != null ? cl : DataType.class.getClassLoader());
            return getType(c.asSubclass(DataCell.class));
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new InvalidSettingsException("Unable to load data type cell class \"" + className + "\"", e);
        }
    }
}
