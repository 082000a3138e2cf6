package org.segprune.knimetest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObject.PortObjectSerializer;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpec.PortObjectSpecSerializer;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.core.node.port.PortTypeRegistry;
import org.knime.core.node.port.PortUtil;

/**
 * Saves and loads port objects and specs the way KNIME does when a workflow is saved and reopened, using the
 * serializers {@link PortTypeRegistry} finds (nested {@code Serializer} classes, or ones registered here in place of
 * a plugin.xml entry).
 */
public final class TestPortObjects {

    private TestPortObjects() {
    }

    /**
     * Writes the object (with its spec) through {@link PortUtil#writeObjectToStream} and reads it back.
     *
     * @return the restored object (a new instance)
     * @throws IOException if writing or reading fails, also if no serializer is found
     */
    @SuppressWarnings("unchecked")
    public static <T extends PortObject> T roundTrip(final T portObject)
        throws IOException, CanceledExecutionException {
        return (T)PortUtil.readObjectFromStream(new ByteArrayInputStream(toBytes(portObject)), new ExecutionMonitor());
    }

    /** @return the bytes {@link PortUtil#writeObjectToStream} produces for the object */
    public static byte[] toBytes(final PortObject portObject) throws IOException, CanceledExecutionException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PortUtil.writeObjectToStream(portObject, out, new ExecutionMonitor());
        return out.toByteArray();
    }

    /**
     * Writes the spec with its serializer to a spec zip stream and reads it back.
     *
     * @return the restored spec (a new instance)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <S extends PortObjectSpec> S roundTripSpec(final S spec) throws IOException {
        PortObjectSpecSerializer ser = PortTypeRegistry.getInstance().getSpecSerializer(spec.getClass())
            .orElseThrow(() -> new IOException("No serializer for spec class " + spec.getClass().getName()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PortObjectSpecZipOutputStream out = PortUtil.getPortObjectSpecZipOutputStream(bytes)) {
            ser.savePortObjectSpec(spec, out);
        }
        try (PortObjectSpecZipInputStream in =
            PortUtil.getPortObjectSpecZipInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (S)ser.loadPortObjectSpec(in);
        }
    }

    /** Registers a serializer for a port object class (stands in for plugin.xml's objectSerializer). */
    public static <T extends PortObject> void registerSerializer(final Class<T> objectClass,
        final PortObjectSerializer<T> serializer) {
        invoke("registerObjectSerializer", objectClass, PortObjectSerializer.class, serializer);
    }

    /** Registers a serializer for a spec class (stands in for plugin.xml's specSerializer). */
    public static <S extends PortObjectSpec> void registerSpecSerializer(final Class<S> specClass,
        final PortObjectSpecSerializer<S> serializer) {
        invoke("registerSpecSerializer", specClass, PortObjectSpecSerializer.class, serializer);
    }

    private static void invoke(final String method, final Class<?> cl, final Class<?> serType, final Object ser) {
        try {
            Method m = PortTypeRegistry.class.getDeclaredMethod(method, Class.class, serType);
            m.setAccessible(true);
            m.invoke(PortTypeRegistry.getInstance(), cl, ser);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
