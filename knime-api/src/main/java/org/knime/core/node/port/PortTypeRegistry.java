package org.knime.core.node.port;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortObject.PortObjectSerializer;
import org.knime.core.node.port.PortObjectSpec.PortObjectSpecSerializer;

/**
 * Singleton giving {@link PortType}s, class lookup by name and serializers.
 *
 * <p>KNIME reads these from the extension point org.knime.core.PortType (attributes objectClass, objectSerializer,
 * specClass, specSerializer). Without an OSGi runtime this subset stands in as follows: classes are resolved by name
 * with {@link Class#forName(String, boolean, ClassLoader)} on the thread context class loader; a serializer is the
 * (only) concrete nested class of the port object / spec class that extends {@link PortObjectSerializer} /
 * {@link PortObjectSpecSerializer} and has a no-arg constructor (the usual {@code MyPortObject.Serializer}), else the
 * result of a static {@code getPortObjectSerializer()} / {@code getPortObjectSpecSerializer()} method.
 */
public final class PortTypeRegistry {

    private static final PortTypeRegistry INSTANCE = new PortTypeRegistry();

    private final Map<Class<? extends PortObject>, PortType> m_allPortTypes = new ConcurrentHashMap<>();

    private final Map<Class<? extends PortObject>, PortType> m_allOptionalPortTypes = new ConcurrentHashMap<>();

    private final Map<Class<?>, PortObjectSerializer<?>> m_objectSerializers = new ConcurrentHashMap<>();

    private final Map<Class<?>, PortObjectSpecSerializer<?>> m_specSerializers = new ConcurrentHashMap<>();

    public static PortTypeRegistry getInstance() {
        return INSTANCE;
    }

    private PortTypeRegistry() {
        m_allPortTypes.put(PortObject.class, new PortType(PortObject.class, false, null, PortType.DEFAULT_COLOR, true));
        m_allOptionalPortTypes.put(PortObject.class,
            new PortType(PortObject.class, true, null, PortType.DEFAULT_COLOR, true));
        m_allPortTypes.put(BufferedDataTable.class, new PortType(BufferedDataTable.class, false, "Data", 0, false));
        m_allOptionalPortTypes.put(BufferedDataTable.class,
            new PortType(BufferedDataTable.class, true, "Data", 0, false));
    }

    /** @return the port types created so far (KNIME: all registered ones) */
    public synchronized Collection<PortType> availablePortTypes() {
        return new ArrayList<>(m_allPortTypes.values());
    }

    public synchronized PortType getPortType(final Class<? extends PortObject> portClass) {
        return getPortType(portClass, false);
    }

    /** @return the (cached) port type of the class, required or optional */
    public synchronized PortType getPortType(final Class<? extends PortObject> portClass, final boolean isOptional) {
        Map<Class<? extends PortObject>, PortType> map = isOptional ? m_allOptionalPortTypes : m_allPortTypes;
        return map.computeIfAbsent(portClass,
            c -> new PortType(c, isOptional, null, PortType.DEFAULT_COLOR, false));
    }

    /** @throws ClassCastException if the class exists but is no port object */
    public Optional<Class<? extends PortObject>> getObjectClass(final String className) {
        return loadClass(className).map(c -> {
            if (!PortObject.class.isAssignableFrom(c)) {
                throw new ClassCastException("Class '" + className + "' is not a subclass of '" + PortObject.class
                    + "'");
            }
            return c.asSubclass(PortObject.class);
        });
    }

    /** @throws ClassCastException if the class exists but is no port object spec */
    public Optional<Class<? extends PortObjectSpec>> getSpecClass(final String className) {
        return loadClass(className).map(c -> {
            if (!PortObjectSpec.class.isAssignableFrom(c)) {
                throw new ClassCastException("Class '" + className + "' is not a subclass of '"
                    + PortObjectSpec.class + "'");
            }
            return c.asSubclass(PortObjectSpec.class);
        });
    }

    @SuppressWarnings("unchecked")
    public Optional<PortObjectSerializer<PortObject>> getObjectSerializer(
        final Class<? extends PortObject> objectClass) {
        PortObjectSerializer<?> ser = m_objectSerializers.get(objectClass);
        if (ser == null) {
            ser = find(objectClass, PortObjectSerializer.class, "getPortObjectSerializer");
            if (ser != null) {
                m_objectSerializers.put(objectClass, ser);
            }
        }
        return Optional.ofNullable((PortObjectSerializer<PortObject>)ser);
    }

    @SuppressWarnings("unchecked")
    public Optional<PortObjectSpecSerializer<PortObjectSpec>> getSpecSerializer(
        final Class<? extends PortObjectSpec> specClass) {
        PortObjectSpecSerializer<?> ser = m_specSerializers.get(specClass);
        if (ser == null) {
            ser = find(specClass, PortObjectSpecSerializer.class, "getPortObjectSpecSerializer");
            if (ser != null) {
                m_specSerializers.put(specClass, ser);
            }
        }
        return Optional.ofNullable((PortObjectSpecSerializer<PortObjectSpec>)ser);
    }

    /** Stand-in for a plugin.xml registration; reached from tests by reflection, not API. */
    void registerObjectSerializer(final Class<? extends PortObject> objectClass,
        final PortObjectSerializer<?> serializer) {
        m_objectSerializers.put(objectClass, serializer);
    }

    /** Stand-in for a plugin.xml registration; reached from tests by reflection, not API. */
    void registerSpecSerializer(final Class<? extends PortObjectSpec> specClass,
        final PortObjectSpecSerializer<?> serializer) {
        m_specSerializers.put(specClass, serializer);
    }

    private static Optional<Class<?>> loadClass(final String className) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader cl : new ClassLoader[]{context, PortTypeRegistry.class.getClassLoader()}) {
            if (cl == null) {
                continue;
            }
            try {
                return Optional.of(Class.forName(className, true, cl));
            } catch (ClassNotFoundException e) {
                // try the next loader
            }
        }
        return Optional.empty();
    }

    /** Finds the serializer nested in {@code owner} (or one of its superclasses), else the static factory method. */
    private static <S> S find(final Class<?> owner, final Class<S> serializerBase, final String staticMethod) {
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            List<Class<?>> candidates = new ArrayList<>();
            for (Class<?> nested : c.getDeclaredClasses()) {
                if (serializerBase.isAssignableFrom(nested) && !Modifier.isAbstract(nested.getModifiers())
                    && Modifier.isStatic(nested.getModifiers())) {
                    candidates.add(nested);
                }
            }
            Class<?> chosen = null;
            for (Class<?> cand : candidates) {
                Class<?> handled = handledClass(cand, serializerBase);
                if (handled != null && handled.isAssignableFrom(owner)) {
                    chosen = cand;
                    break;
                }
            }
            if (chosen == null && candidates.size() == 1) {
                chosen = candidates.get(0);
            }
            if (chosen != null) {
                try {
                    Constructor<?> ctor = chosen.getDeclaredConstructor();
                    ctor.setAccessible(true);
                    return serializerBase.cast(ctor.newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Can't instantiate serializer " + chosen.getName()
                        + " (it needs a no-arg constructor)", e);
                }
            }
        }
        try {
            Method m = owner.getMethod(staticMethod);
            if (Modifier.isStatic(m.getModifiers())) {
                Object ser = m.invoke(null);
                if (serializerBase.isInstance(ser)) {
                    return serializerBase.cast(ser);
                }
            }
        } catch (ReflectiveOperationException e) {
            // no static factory either
        }
        return null;
    }

    /** @return the type argument T a serializer class binds in {@code ...Serializer<T>}, or null */
    private static Class<?> handledClass(final Class<?> serializerClass, final Class<?> serializerBase) {
        for (Class<?> c = serializerClass; c != null && c != Object.class; c = c.getSuperclass()) {
            Type sup = c.getGenericSuperclass();
            if (sup instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw
                && serializerBase.isAssignableFrom(raw)) {
                Type arg = pt.getActualTypeArguments()[0];
                if (arg instanceof Class<?> argClass) {
                    return argClass;
                }
                if (arg instanceof ParameterizedType ppt && ppt.getRawType() instanceof Class<?> argRaw) {
                    return argRaw;
                }
            }
        }
        return null;
    }
}
