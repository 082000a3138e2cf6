package org.knime.core.node.config.base;

import java.io.Serializable;
import java.util.Collections;
import java.util.Enumeration;

import javax.swing.tree.TreeNode;

/**
 * One typed node of a settings tree: either a leaf value or a sub config ({@link ConfigBase}). The constructor is
 * package-private as in KNIME, so only this package defines entry kinds.
 */
public abstract class AbstractConfigEntry implements Serializable, TreeNode {

    private static final long serialVersionUID = 1L;

    private final ConfigEntries m_type;

    private AbstractConfigEntry m_parent;

    private String m_key;

    AbstractConfigEntry(final ConfigEntries type, final String key) {
        if (type == null) {
            throw new IllegalArgumentException("Config entry type can't be null.");
        }
        m_type = type;
        m_key = checkKey(key);
    }

    private static String checkKey(final String key) {
        if (key == null) {
            throw new IllegalArgumentException("Key must not be null!");
        }
        return key;
    }

    public final String getKey() {
        return m_key;
    }

    /** Used when the root element of an XML document names the config. */
    final void setKey(final String key) {
        m_key = checkKey(key);
    }

    public final void setParent(final AbstractConfigEntry parent) {
        m_parent = parent;
    }

    public final ConfigEntries getType() {
        return m_type;
    }

    @Override
    public String toString() {
        return getKey() + " [" + getType().name() + "] -> " + toStringValue();
    }

    /** @return the string form written to XML ({@code null} for a null value) */
    public abstract String toStringValue();

    @Override
    public boolean equals(final Object o) {
        if (o == this) {
            return true;
        }
        if (o == null || !o.getClass().equals(getClass())) {
            return false;
        }
        return isIdentical((AbstractConfigEntry)o);
    }

    public final boolean isIdentical(final AbstractConfigEntry ace) {
        return m_type == ace.m_type && m_key.equals(ace.m_key) && hasIdenticalValue(ace);
    }

    /** Compares values; the argument has the same class, type and key. */
    abstract boolean hasIdenticalValue(AbstractConfigEntry ace);

    @Override
    public int hashCode() {
        return m_key.hashCode() ^ m_type.name().hashCode();
    }

    @Override
    public TreeNode getChildAt(final int childIndex) {
        return null;
    }

    @Override
    public int getChildCount() {
        return 0;
    }

    @Override
    public final TreeNode getParent() {
        return m_parent;
    }

    @Override
    public int getIndex(final TreeNode node) {
        return -1;
    }

    @Override
    public final boolean getAllowsChildren() {
        return !isLeaf();
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public Enumeration<TreeNode> children() {
        return Collections.emptyEnumeration();
    }
}
