package org.segprune.knimetest;

import java.nio.file.Path;

/**
 * Stands in for the workflow context KNIME gives every node (the workflow's folder and its mountpoint's root), which
 * the subset's {@code org.knime.core.util.FileUtil} reads to resolve {@code knime://knime.workflow/} and
 * {@code knime://knime.mountpoint/} URLs. In KNIME the framework sets it; here a test opens one around the node calls.
 * It travels in two system properties, so that the subset's KNIME classes need no class outside {@code org.knime}
 * (the OSGi test packs only those into its org.knime.core stand-in).
 */
public final class TestWorkflowContexts {

    /** The system property holding the current workflow folder (read by the subset's FileUtil). */
    public static final String WORKFLOW_FOLDER = "org.segprune.knimetest.workflowFolder";

    /** The system property holding the current mountpoint root (read by the subset's FileUtil). */
    public static final String MOUNTPOINT_ROOT = "org.segprune.knimetest.mountpointRoot";

    private TestWorkflowContexts() {
    }

    /**
     * Makes {@code workflowFolder} the current workflow until the returned handle is closed.
     *
     * @param mountpointRoot the folder {@code knime://knime.mountpoint/} stands for
     */
    public static AutoCloseable open(final Path workflowFolder, final Path mountpointRoot) {
        System.setProperty(WORKFLOW_FOLDER, workflowFolder.toAbsolutePath().normalize().toString());
        System.setProperty(MOUNTPOINT_ROOT, mountpointRoot.toAbsolutePath().normalize().toString());
        return () -> {
            System.clearProperty(WORKFLOW_FOLDER);
            System.clearProperty(MOUNTPOINT_ROOT);
        };
    }
}
