package org.knime.core.node.config.base;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Set;

import org.knime.core.node.InvalidSettingsException;

/**
 * Read access to a settings tree (real: bundle org.knime.core.util). Getters without default throw
 * {@link InvalidSettingsException} when the key is missing; the defaulted overloads never throw.
 */
public interface ConfigBaseRO extends Iterable<String> {

    public ConfigBase getConfigBase(String key) throws InvalidSettingsException;

    /** Writes this config as XMLConfig document; the stream is closed when done. */
    public void saveToXML(final OutputStream os) throws IOException;

    public void copyTo(ConfigBaseWO config);

    public String getKey();

    public int getInt(final String key) throws InvalidSettingsException;

    public double getDouble(final String key) throws InvalidSettingsException;

    public char getChar(final String key) throws InvalidSettingsException;

    public short getShort(final String key) throws InvalidSettingsException;

    public long getLong(final String key) throws InvalidSettingsException;

    public byte getByte(final String key) throws InvalidSettingsException;

    public String getString(final String key) throws InvalidSettingsException;

    public Set<String> keySet();

    public boolean containsKey(final String key);

    public boolean getBoolean(final String key) throws InvalidSettingsException;

    public int getInt(final String key, final int def);

    public int[] getIntArray(final String key) throws InvalidSettingsException;

    public int[] getIntArray(final String key, final int... def);

    public double getDouble(final String key, final double def);

    public double[] getDoubleArray(final String key) throws InvalidSettingsException;

    public double[] getDoubleArray(final String key, final double... def);

    public float getFloat(final String key) throws InvalidSettingsException;

    public float getFloat(final String key, final float def);

    public float[] getFloatArray(final String key) throws InvalidSettingsException;

    public float[] getFloatArray(final String key, final float... def);

    public char getChar(final String key, final char def);

    public char[] getCharArray(final String key) throws InvalidSettingsException;

    public byte[] getByteArray(final String key, final byte... def);

    public byte[] getByteArray(final String key) throws InvalidSettingsException;

    public byte getByte(final String key, final byte def);

    public short[] getShortArray(final String key) throws InvalidSettingsException;

    public short[] getShortArray(final String key, final short... def);

    public long[] getLongArray(final String key) throws InvalidSettingsException;

    public long[] getLongArray(final String key, final long... def);

    public short getShort(final String key, final short def);

    public long getLong(final String key, final long def);

    public char[] getCharArray(final String key, final char... def);

    public boolean getBoolean(final String key, final boolean def);

    public boolean[] getBooleanArray(final String key) throws InvalidSettingsException;

    public boolean[] getBooleanArray(final String key, final boolean... def);

    public String getString(final String key, final String def);

    public String[] getStringArray(final String key) throws InvalidSettingsException;

    public String[] getStringArray(final String key, final String... def);

    @Override
    public Iterator<String> iterator();

    public String getPassword(final String key, final String encryptionKey) throws InvalidSettingsException;

    public String getPassword(final String key, final String encryptionKey, final String def);

    public String getTransientString(final String key);
}
