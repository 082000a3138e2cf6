package org.segprune.libs.internal;

import org.nd4j.common.config.ND4JClassLoading;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Makes ND4J work inside OSGi whatever thread first touches it. ND4J 1.0.0-M2.1 looks up its backend
 * (ServiceLoader) and other classes through {@link ND4JClassLoading}, which captures the context class loader
 * of the first thread that loads it; in KNIME that is an arbitrary worker thread whose context loader cannot
 * see this bundle, and ND4J then fails with "NoAvailableBackendException". The bundle activates lazily, so
 * this runs before the first class of DL4J/ND4J is handed out, and points ND4J at this bundle's own loader.
 *
 * <p>It also switches DL4J's oneDNN layer helpers on (the same rule as the engine's Dl4jRuntime.init: only when
 * the user has not set the property), so the ~8x faster convolution path is taken inside KNIME even if a
 * network is built before the engine's own initialisation runs.
 */
public final class LibsActivator implements BundleActivator {

    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    @Override
    public void start(BundleContext context) {
        ND4JClassLoading.setNd4jClassloader(LibsActivator.class.getClassLoader());
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, "false");
        }
    }

    @Override
    public void stop(BundleContext context) {
        // nothing to undo: native libraries stay loaded for the life of the JVM
    }
}
