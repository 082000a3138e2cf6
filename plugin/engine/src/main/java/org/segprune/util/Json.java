package org.segprune.util;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** The one Jackson mapper for every JSON file SegPrune writes or reads. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    public static void write(Path target, Object value) {
        AtomicFiles.writeStream(target, out -> MAPPER.writeValue(out, value));
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(Path source, Class<T> type) {
        try {
            return MAPPER.readValue(source.toFile(), type);
        } catch (IOException e) {
            throw new SegPruneException("cannot read JSON '" + source + "': " + e.getMessage(), e);
        }
    }
}
