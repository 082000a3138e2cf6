package org.segprune.score.attention;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaVertex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Multiplies a feature map X [N,C,H,W] channel-wise by a gate [N,C]: the attention module's output. */
public class ChannelGateVertex extends SameDiffLambdaVertex {

    private static final long serialVersionUID = 1L;

    private int channels;

    /** For DL4J's configuration cloning and JSON. */
    public ChannelGateVertex() {
    }

    public ChannelGateVertex(int channels) {
        this.channels = channels;
    }

    public int getChannels() {
        return channels;
    }

    public void setChannels(int channels) {
        this.channels = channels;
    }

    @Override
    public SDVariable defineVertex(SameDiff sd, VertexInputs inputs) {
        SDVariable features = SameDiffGradients.halveGradient(sd, inputs.getInput(0));
        SDVariable gate = sd.reshape(SameDiffGradients.halveGradient(sd, inputs.getInput(1)), -1, channels, 1, 1);
        return features.mul(gate);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        return vertexInputs[0];
    }

    @Override
    public ChannelGateVertex clone() {
        return new ChannelGateVertex(channels);
    }
}
