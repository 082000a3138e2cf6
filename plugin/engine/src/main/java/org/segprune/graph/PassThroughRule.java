package org.segprune.graph;

/** Steps without parameters that keep the channels as they are. */
final class PassThroughRule implements ChannelRule {

    /** Changes each value in place on the same grid (activation, dropout): an attention module attaches behind it. */
    static final ChannelRule IN_PLACE = new PassThroughRule(true);
    /** Changes the grid or feeds a loss (pooling, upsampling, padding, cropping, resizing, scaling vertices). */
    static final ChannelRule REGRID = new PassThroughRule(false);

    private final boolean inPlace;

    private PassThroughRule(boolean inPlace) {
        this.inPlace = inPlace;
    }

    @Override
    public Treatment treatment() {
        return Treatment.PASS_THROUGH;
    }

    @Override
    public boolean elementwiseInPlace() {
        return inPlace;
    }
}
