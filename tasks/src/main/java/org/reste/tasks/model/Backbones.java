package org.reste.tasks.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;

/** Backbones by the name a config or the command line uses; one line each. */
public final class Backbones {

    /** Builds one backbone at the given bit widths. */
    @FunctionalInterface
    public interface Builder {
        Network build(Bits bits, Estimators estimators, int numClasses);
    }

    private static final Map<String, Builder> BUILDERS = new LinkedHashMap<>();

    static {
        BUILDERS.put("resnet20", ResNet20::build);
        BUILDERS.put("resnet20_bireal", ResNet20BiReal::build);
        BUILDERS.put("resnet18", ResNet18Cifar::build);
        BUILDERS.put("vgg_small", VggSmall::build);
        BUILDERS.put("resnet18_imagenet", ImageNetResNet::resnet18);
        BUILDERS.put("resnet34_imagenet", ImageNetResNet::resnet34);
        BUILDERS.put("tiny", TinyNet::build); // plumbing tests only, not in the paper
    }

    private Backbones() {}

    public static Set<String> names() {
        return BUILDERS.keySet();
    }

    public static boolean contains(String name) {
        return BUILDERS.containsKey(name);
    }

    public static Network build(String name, Bits bits, Estimators estimators, int numClasses) {
        Builder builder = BUILDERS.get(name);
        if (builder == null) {
            throw new IllegalArgumentException(
                    "unknown backbone '" + name + "'; known: " + String.join(", ", names()));
        }
        return builder.build(bits, estimators, numClasses);
    }
}
