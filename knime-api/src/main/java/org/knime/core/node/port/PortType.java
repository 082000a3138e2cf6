package org.knime.core.node.port;

import java.lang.reflect.Method;

/**
 * The type of a node port: a port object class, its spec class (the return type of the object class' {@code getSpec()})
 * and whether the port is optional. Get instances from {@link PortTypeRegistry}.
 */
public final class PortType {

    /** The default color for ports. */
    public static final int DEFAULT_COLOR = 0xff9b9b9b;

    private final Class<? extends PortObjectSpec> m_specClass;

    private final Class<? extends PortObject> m_objectClass;

    private final boolean m_isOptional;

    private final String m_name;

    private final int m_color;

    private final boolean m_isHidden;

    /** @deprecated use {@link PortTypeRegistry#getPortType(Class, boolean)} */
    @Deprecated
    public PortType(final Class<? extends PortObject> objectClass, final boolean isOptional) {
        this(objectClass, isOptional, null, DEFAULT_COLOR, true);
    }

    /** @deprecated use {@link PortTypeRegistry#getPortType(Class)} */
    @Deprecated
    public PortType(final Class<? extends PortObject> objectClass) {
        this(objectClass, false);
    }

    PortType(final Class<? extends PortObject> objectClass, final boolean isOptional, final String name,
        final int color, final boolean isHidden) {
        m_objectClass = objectClass;
        m_specClass = getPortObjectSpecClass(objectClass);
        m_isOptional = isOptional;
        m_name = name != null ? name : objectClass.getSimpleName();
        m_color = color;
        m_isHidden = isHidden;
    }

    public String getName() {
        return m_name;
    }

    public int getColor() {
        return m_color;
    }

    public Class<? extends PortObjectSpec> getPortObjectSpecClass() {
        return m_specClass;
    }

    public Class<? extends PortObject> getPortObjectClass() {
        return m_objectClass;
    }

    public boolean isOptional() {
        return m_isOptional;
    }

    public boolean isHidden() {
        return m_isHidden;
    }

    /** @return whether {@code subType}'s object class is a subclass of this type's */
    public boolean isSuperTypeOf(final PortType subType) {
        return m_objectClass.isAssignableFrom(subType.m_objectClass);
    }

    public boolean acceptsPortObjectSpec(final PortObjectSpec spec) {
        return spec == null || m_specClass.isAssignableFrom(spec.getClass());
    }

    public boolean acceptsPortObject(final PortObject obj) {
        return obj == null || m_objectClass.isAssignableFrom(obj.getClass());
    }

    /** @return the return type of the class' public {@code getSpec()} method */
    public static Class<? extends PortObjectSpec> getPortObjectSpecClass(
        final Class<? extends PortObject> objectClass) {
        try {
            Method m = objectClass.getMethod("getSpec");
            return m.getReturnType().asSubclass(PortObjectSpec.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("getSpec() method is not implemented by " + objectClass.getName(), e);
        }
    }

    @Override
    public String toString() {
        return "PortType(" + m_specClass.getSimpleName() + "," + m_objectClass.getSimpleName() + ")";
    }

    @Override
    public int hashCode() {
        return m_objectClass.hashCode();
    }

    /** Equal if the object classes are equal (optional and required ports of one class are equal). */
    @Override
    public boolean equals(final Object obj) {
        return obj == this || (obj instanceof PortType other && m_objectClass.equals(other.m_objectClass));
    }
}
