package org.knime.core.node.config.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Vector;

import javax.swing.tree.TreeNode;
import javax.xml.parsers.ParserConfigurationException;

import org.knime.core.node.InvalidSettingsException;
import org.xml.sax.SAXException;

/**
 * A tree of typed key/value entries and sub configs, kept in insertion order. Arrays are stored as sub configs
 * holding {@code array-size} and the elements under the keys "0", "1", ...; a {@code null} array is an empty sub
 * config. This follows KNIME's ConfigBase (bundle org.knime.core.util) so that settings written here are read by
 * KNIME and vice versa.
 */
public abstract class ConfigBase extends AbstractConfigEntry implements ConfigBaseRO, ConfigBaseWO {

    private static final long serialVersionUID = 1L;

    private static final String CFG_ARRAY_SIZE = "array-size";

    private final LinkedHashMap<String, AbstractConfigEntry> m_map;

    /** Adds (or replaces) an entry under its own key and makes this config its parent. */
    protected void put(final AbstractConfigEntry e) {
        m_map.put(e.getKey(), e);
        e.setParent(this);
    }

    protected AbstractConfigEntry get(final String key) {
        return m_map.get(key);
    }

    public ConfigBase(final String key) {
        super(ConfigEntries.config, key);
        m_map = new LinkedHashMap<>(1, 0.8f);
    }

    /** @return a new, empty config of the same concrete class (sub configs keep the tree's class) */
    public abstract ConfigBase getInstance(final String key);

    @Override
    public final ConfigBase addConfigBase(final String key) {
        final ConfigBase config = getInstance(key);
        put(config);
        return config;
    }

    protected final void addConfigBase(final ConfigBase config) {
        if (getClass() != config.getClass()) {
            throw new IllegalArgumentException("This " + getClass() + " is not equal to " + config.getClass());
        }
        put(config);
    }

    @Override
    public final ConfigBase getConfigBase(final String key) throws InvalidSettingsException {
        Object o = m_map.get(key);
        if (!(o instanceof ConfigBase)) {
            throw new InvalidSettingsException("ConfigBase for key \"" + key + "\" not found.");
        }
        return (ConfigBase)o;
    }

    /** Typed lookup; throws the KNIME-style message when the key is missing or holds another type. */
    private <E extends AbstractConfigEntry> E entry(final String key, final Class<E> cl, final String what)
        throws InvalidSettingsException {
        Object o = m_map.get(key);
        if (!cl.isInstance(o)) {
            throw new InvalidSettingsException(what + " for key \"" + key + "\" not found.");
        }
        return cl.cast(o);
    }

    private <E extends AbstractConfigEntry> E entryOrNull(final String key, final Class<E> cl) {
        Object o = m_map.get(key);
        return cl.isInstance(o) ? cl.cast(o) : null;
    }

    /** @return the sub config holding an array ({@code array-size} is missing there for a {@code null} array) */
    private ConfigBase arrayConfig(final String key) throws InvalidSettingsException {
        return getConfigBase(key);
    }

    // ---- int

    @Override
    public void addInt(final String key, final int value) {
        put(new ConfigIntEntry(key, value));
    }

    @Override
    public int getInt(final String key) throws InvalidSettingsException {
        return entry(key, ConfigIntEntry.class, "Int").getInt();
    }

    @Override
    public int getInt(final String key, final int def) {
        ConfigIntEntry e = entryOrNull(key, ConfigIntEntry.class);
        return e == null ? def : e.getInt();
    }

    @Override
    public int[] getIntArray(final String key) throws InvalidSettingsException {
        ConfigBase config = arrayConfig(key);
        int size = config.getInt(CFG_ARRAY_SIZE, -1);
        if (size == -1) {
            return null;
        }
        int[] ret = new int[size];
        for (int i = 0; i < size; i++) {
            ret[i] = config.getInt(Integer.toString(i));
        }
        return ret;
    }

    @Override
    public int[] getIntArray(final String key, final int... def) {
        try {
            return getIntArray(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public void addIntArray(final String key, final int... values) {
        ConfigBaseWO config = addConfigBase(key);
        if (values != null) {
            config.addInt(CFG_ARRAY_SIZE, values.length);
            for (int i = 0; i < values.length; i++) {
                config.addInt(Integer.toString(i), values[i]);
            }
        }
    }

    // ---- double

    @Override
    public void addDouble(final String key, final double value) {
        put(new ConfigDoubleEntry(key, value));
    }

    @Override
    public double getDouble(final String key) throws InvalidSettingsException {
        return entry(key, ConfigDoubleEntry.class, "Double").getDouble();
    }

    @Override
    public double getDouble(final String key, final double def) {
        ConfigDoubleEntry e = entryOrNull(key, ConfigDoubleEntry.class);
        return e == null ? def : e.getDouble();
    }

    @Override
    public double[] getDoubleArray(final String key) throws InvalidSettingsException {
        ConfigBase config = arrayConfig(key);
        int size = config.getInt(CFG_ARRAY_SIZE, -1);
        if (size == -1) {
            return null;
        }
        double[] ret = new double[size];
        for (int i = 0; i < size; i++) {
            ret[i] = config.getDouble(Integer.toString(i));
        }
        return ret;
    }

    @Override
    public double[] getDoubleArray(final String key, final double... def) {
        try {
            return getDoubleArray(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public void addDoubleArray(final String key, final double... values) {
        ConfigBaseWO config = addConfigBase(key);
        if (values != null) {
            config.addInt(CFG_ARRAY_SIZE, values.length);
            for (int i = 0; i < values.length; i++) {
                config.addDouble(Integer.toString(i), values[i]);
            }
        }
    }

    // ---- float

    @Override
    public void addFloat(final String key, final float value) {
        put(new ConfigFloatEntry(key, value));
    }

    @Override
    public float getFloat(final String key) throws InvalidSettingsException {
        return entry(key, ConfigFloatEntry.class, "Float").getFloat();
    }

    @Override
    public float getFloat(final String key, final float def) {
        ConfigFloatEntry e = entryOrNull(key, ConfigFloatEntry.class);
        return e == null ? def : e.getFloat();
    }

    @Override
    public float[] getFloatArray(final String key) throws InvalidSettingsException {
        ConfigBase config = arrayConfig(key);
        int size = config.getInt(CFG_ARRAY_SIZE, -1);
        if (size == -1) {
            return null;
        }
        float[] ret = new float[size];
        for (int i = 0; i < size; i++) {
            ret[i] = config.getFloat(Integer.toString(i));
        }
        return ret;
    }

    @Override
    public float[] getFloatArray(final String key, final float... def) {
        try {
            return getFloatArray(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public void addFloatArray(final String key, final float... values) {
        ConfigBaseWO config = addConfigBase(key);
        if (values != null) {
            config.addInt(CFG_ARRAY_SIZE, values.length);
            for (int i = 0; i < values.length; i++) {
                config.addFloat(Integer.toString(i), values[i]);
            }
        }
    }

    // ---- char

    @Override
    public void addChar(final String key, final char value) {
        put(new ConfigCharEntry(key, value));
    }

    @Override
    public char getChar(final String key) throws InvalidSettingsException {
        return entry(key, ConfigCharEntry.class, "Char").getChar();
    }

    @Override
    public char getChar(final String key, final char def) {
        ConfigCharEntry e = entryOrNull(key, ConfigCharEntry.class);
        return e == null ? def : e.getChar();
    }

    @Override
    public char[] getCharArray(final String key) throws InvalidSettingsException {
        ConfigBase config = arrayConfig(key);
        int size = config.getInt(CFG_ARRAY_SIZE, -1);
        if (size == -1) {
            return null;
        }
        char[] ret = new char[size];
        for (int i = 0; i < size; i++) {
            ret[i] = config.getChar(Integer.toString(i));
        }
        return ret;
    }

    @Override
    public char[] getCharArray(final String key, final char... def) {
        try {
            return getCharArray(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public void addCharArray(final String key, final char... values) {
        ConfigBaseWO config = addConfigBase(key);
        if (values != null) {
            config.addInt(CFG_ARRAY_SIZE, values.length);
            for (int i = 0; i < values.length; i++) {
                config.addChar(Integer.toString(i), values[i]);
            }
        }
    }

    // ---- short

    @Override
    public void addShort(final String key, final short value) {
        put(new ConfigShortEntry(key, value));
    }

    @Override
    public short getShort(final String key) throws InvalidSettingsException {
        return entry(key, ConfigShortEntry.class, "Short").getShort();
    }

    @Override
    public short getShort(final String key, final short def) {
        ConfigShortEntry e = entryOrNull(key, ConfigShortEntry.class);
        return e == null ? def : e.getShort();
    }

    @Override
    public short[] getShortArray(final String key) throws InvalidSettingsException {
        ConfigBase config = arrayConfig(key);
        int size = config.getInt(CFG_ARRAY_SIZE, -1);
        if (size == -1) {
            return null;
        }
        short[] ret = new short[size];
        for (int i = 0; i < size; i++) {
            ret[i] = config.getShort(Integer.toString(i));
        }
        return ret;
    }

    @Override
    public short[] getShortArray(final String key, final short... def) {
        try {
            return getShortArray(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public void addShortArray(final String key, final short... values) {
        ConfigBaseWO config = addConfigBase(key);
        if (values != null) {
            config.addInt(CFG_ARRAY_SIZE, values.length);
            for (int i = 0; i < values.length; i++) {
                config.addShort(Integer.toString(i), values[i]);
            }
        }
    }

    // ---- long

    @Override
    public void addLong(final String key, final long value) {
        put(new ConfigLongEntry(key, value));
    }

    @Override
    public long getLong(final String key) throws InvalidSettingsException {
        return entry(key, ConfigLongEntry.class, "Long").getLong();
    }

    @Override
    public long getLong(final String key, final long def) {
        ConfigLongEntry e = entryOrNull(key, ConfigLongEntry.class);
        return e == null ? def : e.getLong();
    }

    @Override
    public long[] getLongArray(final String key) throws InvalidSettingsException {
        ConfigBase config = arrayConfig(key);
        int size = config.getInt(CFG_ARRAY_SIZE, -1);
        if (size == -1) {
            return null;
        }
        long[] ret = new long[size];
        for (int i = 0; i < size; i++) {
            ret[i] = config.getLong(Integer.toString(i));
        }
        return ret;
    }

    @Override
    public long[] getLongArray(final String key, final long... def) {
        try {
            return getLongArray(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public void addLongArray(final String key, final long... values) {
        ConfigBaseWO config = addConfigBase(key);
        if (values != null) {
            config.addInt(CFG_ARRAY_SIZE, values.length);
            for (int i = 0; i < values.length; i++) {
                config.addLong(Integer.toString(i), values[i]);
            }
        }
    }

    // ---- byte

    @Override
    public void addByte(final String key, final byte value) {
        put(new ConfigByteEntry(key, value));
    }

    @Override
    public byte getByte(final String key) throws InvalidSettingsException {
        return entry(key, ConfigByteEntry.class, "Byte").getByte();
    }

    @Override
    public byte getByte(final String key, final byte def) {
        ConfigByteEntry e = entryOrNull(key, ConfigByteEntry.class);
        return e == null ? def : e.getByte();
    }

    @Override
    public byte[] getByteArray(final String key) throws InvalidSettingsException {
        ConfigBase config = arrayConfig(key);
        int size = config.getInt(CFG_ARRAY_SIZE, -1);
        if (size == -1) {
            return null;
        }
        byte[] ret = new byte[size];
        for (int i = 0; i < size; i++) {
            ret[i] = config.getByte(Integer.toString(i));
        }
        return ret;
    }

    @Override
    public byte[] getByteArray(final String key, final byte... def) {
        try {
            return getByteArray(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public void addByteArray(final String key, final byte... values) {
        ConfigBaseWO config = addConfigBase(key);
        if (values != null) {
            config.addInt(CFG_ARRAY_SIZE, values.length);
            for (int i = 0; i < values.length; i++) {
                config.addByte(Integer.toString(i), values[i]);
            }
        }
    }

    // ---- boolean

    @Override
    public void addBoolean(final String key, final boolean value) {
        put(new ConfigBooleanEntry(key, value));
    }

    @Override
    public boolean getBoolean(final String key) throws InvalidSettingsException {
        return entry(key, ConfigBooleanEntry.class, "Boolean").getBoolean();
    }

    @Override
    public boolean getBoolean(final String key, final boolean def) {
        ConfigBooleanEntry e = entryOrNull(key, ConfigBooleanEntry.class);
        return e == null ? def : e.getBoolean();
    }

    @Override
    public boolean[] getBooleanArray(final String key) throws InvalidSettingsException {
        ConfigBase config = arrayConfig(key);
        int size = config.getInt(CFG_ARRAY_SIZE, -1);
        if (size == -1) {
            return null;
        }
        boolean[] ret = new boolean[size];
        for (int i = 0; i < size; i++) {
            ret[i] = config.getBoolean(Integer.toString(i));
        }
        return ret;
    }

    @Override
    public boolean[] getBooleanArray(final String key, final boolean... def) {
        try {
            return getBooleanArray(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public void addBooleanArray(final String key, final boolean... values) {
        ConfigBaseWO config = addConfigBase(key);
        if (values != null) {
            config.addInt(CFG_ARRAY_SIZE, values.length);
            for (int i = 0; i < values.length; i++) {
                config.addBoolean(Integer.toString(i), values[i]);
            }
        }
    }

    // ---- String

    @Override
    public void addString(final String key, final String value) {
        put(new ConfigStringEntry(key, value));
    }

    @Override
    public String getString(final String key) throws InvalidSettingsException {
        return entry(key, ConfigStringEntry.class, "String").getString();
    }

    @Override
    public String getString(final String key, final String def) {
        ConfigStringEntry e = entryOrNull(key, ConfigStringEntry.class);
        return e == null ? def : e.getString();
    }

    @Override
    public String[] getStringArray(final String key) throws InvalidSettingsException {
        ConfigBase config = arrayConfig(key);
        int size = config.getInt(CFG_ARRAY_SIZE, -1);
        if (size == -1) {
            return null;
        }
        String[] ret = new String[size];
        for (int i = 0; i < size; i++) {
            ret[i] = config.getString(Integer.toString(i));
        }
        return ret;
    }

    @Override
    public String[] getStringArray(final String key, final String... def) {
        try {
            return getStringArray(key);
        } catch (InvalidSettingsException ise) {
            return def;
        }
    }

    @Override
    public void addStringArray(final String key, final String... values) {
        ConfigBaseWO config = addConfigBase(key);
        if (values != null) {
            config.addInt(CFG_ARRAY_SIZE, values.length);
            for (int i = 0; i < values.length; i++) {
                config.addString(Integer.toString(i), values[i]);
            }
        }
    }

    // ---- passwords and transient strings

    /** Not available: KNIME encrypts passwords with an internal cipher that this subset does not reproduce. */
    @Override
    public void addPassword(final String key, final String encryptionKey, final String value) {
        throw new UnsupportedOperationException("not available in the compile-only KNIME API subset");
    }

    /** Not available, see {@link #addPassword(String, String, String)}. */
    @Override
    public String getPassword(final String key, final String encryptionKey) throws InvalidSettingsException {
        throw new UnsupportedOperationException("not available in the compile-only KNIME API subset");
    }

    /** Not available, see {@link #addPassword(String, String, String)}. */
    @Override
    public String getPassword(final String key, final String encryptionKey, final String def) {
        throw new UnsupportedOperationException("not available in the compile-only KNIME API subset");
    }

    /** Kept in memory only; never written to XML. */
    @Override
    public void addTransientString(final String key, final String value) {
        put(new ConfigTransientStringEntry(key, value));
    }

    @Override
    public String getTransientString(final String key) {
        ConfigTransientStringEntry e = entryOrNull(key, ConfigTransientStringEntry.class);
        return e == null ? null : e.getTransientString();
    }

    // ---- structure

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(m_map.keySet());
    }

    @Override
    public boolean hasIdenticalValue(final AbstractConfigEntry otherConfig) {
        ConfigBase other = (ConfigBase)otherConfig;
        if (m_map.size() != other.m_map.size()) {
            return false;
        }
        for (Map.Entry<String, AbstractConfigEntry> e : m_map.entrySet()) {
            AbstractConfigEntry otherEntry = other.m_map.get(e.getKey());
            if (otherEntry == null || !e.getValue().equals(otherEntry)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean containsKey(final String key) {
        return m_map.containsKey(key);
    }

    public AbstractConfigEntry getEntry(final String key) {
        return m_map.get(key);
    }

    public void addEntry(final AbstractConfigEntry entry) {
        put(entry);
    }

    @Override
    public final Iterator<String> iterator() {
        return keySet().iterator();
    }

    @Override
    public final String toStringValue() {
        return super.getKey();
    }

    /** Appends an indented dump of this tree (key, type, value per line). */
    public final void toString(final StringBuffer buf) {
        toString(0, buf);
        buf.trimToSize();
    }

    private void toString(final int indent, final StringBuffer sb) {
        for (String key : m_map.keySet()) {
            sb.append(" ".repeat(indent * 2));
            AbstractConfigEntry e = getEntry(key);
            sb.append("key=").append(key).append(",type=").append(e.getType());
            if (e instanceof ConfigBase) {
                sb.append(":\n");
                ((ConfigBase)e).toString(indent + 1, sb);
            } else {
                String value = e.toStringValue();
                sb.append(value == null ? "->null" : "->" + value).append('\n');
            }
        }
    }

    @Override
    public String toString() {
        return super.getKey();
    }

    // ---- XML

    /** Writes this config as XMLConfig document. <em>The stream is closed when finished.</em> */
    @Override
    public final void saveToXML(final OutputStream os) throws IOException {
        if (os == null) {
            throw new NullPointerException();
        }
        XMLConfig.save(this, os);
    }

    protected static ConfigBase loadFromXML(final ConfigBase config, final InputStream in) throws IOException {
        if (in == null) {
            throw new NullPointerException();
        }
        config.load(in);
        return config;
    }

    /** Reads the entries of an XMLConfig document into this object; the stream is closed when done. */
    public void load(final InputStream is) throws IOException {
        try {
            XMLConfig.load(this, is);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            is.close();
        }
    }

    /** Deep copy: sub configs are recreated in {@code dest}, leaf entries are shared (they are immutable). */
    @Override
    public void copyTo(final ConfigBaseWO dest) {
        for (AbstractConfigEntry ace : m_map.values()) {
            if (ace instanceof ConfigBase) {
                ConfigBase config = dest.addConfigBase(ace.getKey());
                ((ConfigBase)ace).copyTo(config);
            } else {
                ((ConfigBase)dest).addEntry(ace);
            }
        }
    }

    // ---- TreeNode

    @Override
    public TreeNode getChildAt(final int childIndex) {
        Iterator<AbstractConfigEntry> it = m_map.values().iterator();
        for (int i = 0; i < childIndex; i++) {
            it.next();
        }
        return it.next();
    }

    @Override
    public int getChildCount() {
        return m_map.size();
    }

    @Override
    public int getIndex(final TreeNode node) {
        int i = 0;
        for (AbstractConfigEntry e : m_map.values()) {
            if (e.equals(node)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    @Override
    public final boolean isLeaf() {
        return m_map.isEmpty();
    }

    @Override
    public final Enumeration<TreeNode> children() {
        return new Vector<TreeNode>(m_map.values()).elements();
    }
}
