package org.segprune.train;

/**
 * The loss under the class name that models saved before it moved to {@code org.segprune.loss} carry
 * in their configuration JSON; DL4J finds loss functions by class name, so this keeps those models
 * loading. New models name {@link org.segprune.loss.BceDiceLoss}.
 */
public final class BceDiceLoss extends org.segprune.loss.BceDiceLoss {

    private static final long serialVersionUID = 1L;
}
