package org.segprune.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The built-in architectures by name; adding one is one entry here and one builder class. */
public final class Architectures {

    private static final Map<String, Function<ModelSpec, SegmentationModel>> BUILDERS = new LinkedHashMap<>();

    static {
        BUILDERS.put(ModelSpec.UNET, UNetBuilder::build);
        BUILDERS.put(DeepLabV3PlusBuilder.NAME, DeepLabV3PlusBuilder::build);
    }

    private Architectures() {
    }

    public static List<String> names() {
        return List.copyOf(BUILDERS.keySet());
    }

    /** A new, initialised (untrained) model. */
    public static SegmentationModel build(ModelSpec spec) {
        return BUILDERS.get(spec.architecture()).apply(spec);
    }
}
