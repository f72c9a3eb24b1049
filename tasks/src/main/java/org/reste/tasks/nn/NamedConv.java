package org.reste.tasks.nn;

/** A binarized convolution with the readable name run records use, e.g. "layer2.0.conv1". */
public record NamedConv(String name, BinaryConv2d conv) {}
