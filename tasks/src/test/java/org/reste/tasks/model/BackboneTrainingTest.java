package org.reste.tasks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reste.tasks.data.raw.Cifar10Binary;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.StepScope;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;
import org.reste.tasks.testing.SharedData;
import org.reste.tasks.train.EpochRecord;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.PathRunStore;
import org.reste.tasks.train.RunContext;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;
import org.reste.tasks.train.RunTrainer;
import org.reste.tasks.train.SgdMomentum;
import org.reste.tasks.train.TrainingStep;

/**
 * Each new backbone learns: a short real training (the {@link RunTrainer}, ReSTE, on the first
 * 128 CIFAR-10 images) for the CIFAR nets, a few SGD steps on one random 64x64 batch for the
 * ImageNet nets. Small on purpose: the loss falls, nothing more is claimed.
 */
class BackboneTrainingTest {

    @TempDir
    Path out;

    /**
     * 3 epochs of 4 steps (batch 32), no warm-up, cosine lr. VGG-small gets a small lr: its
     * classifier reads 8,192 positive-mean features with no BatchNorm1d in between, so a step of
     * lr moves every logit by about lr x 8,192 x (the batch's mean error) and lr 0.005 already
     * blows the loss up over so few steps. With these settings seeds 1-3 all fell, by 0.2-0.6
     * (checked once).
     */
    @ParameterizedTest(name = "{0} {1} lr {2}")
    @CsvSource({
        "resnet20_bireal, 1/1, 0.1",
        "resnet18, 1/32, 0.02",
        "vgg_small, 1/1, 0.0005",
    })
    void cifarBackboneLearnsATinySlice(String backbone, String wa, double lr) {
        int epochs = 3;
        ExperimentSpec spec = ExperimentSpec.builder().backbone(backbone).wa(wa).epochs(epochs).batch(32).testBatch(64).lr(lr)
                .warmupEpochs(0).seed(1).build();
        RunRecord record = RunTrainer.train(spec, new Cifar10Binary(SharedData.cifar10(), 128, 64),
                new PathRunStore(out), RunContext.cpu()).record();
        List<Double> losses = record.epochs().stream().map(EpochRecord::trainLoss).toList();
        assertEquals(RunStatus.FINISHED, record.status());
        assertEquals(epochs, record.epochsRun());
        assertTrue(losses.get(epochs - 1) < losses.get(0), "loss falls: " + losses);
    }

    /**
     * Five steps on one random batch of eight 64x64 images, lr 0.01. ResNet-34 is checked at
     * 1/32: a freshly initialised 1/1 ResNet-34 is chaotic (a 1e-6 input perturbation moves the
     * official model's logits by about 2.8), so each step's weight-sign flips reshuffle its
     * features and five steps showed no trend (ours, seeds 1-3, lr 0.01 and 0.003). ResNet-18
     * 1/1 is not chaotic and learns (seeds 1-3 all fell).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "resnet18_imagenet, 1/1",
        "resnet34_imagenet, 1/32",
    })
    void imageNetBackboneFitsOneRandomBatch(String backbone, String wa) {
        EngineSetup.configure();
        Engine.getInstance().setRandomSeed(1);
        Bits bits = Bits.parse(wa);
        Network network = Backbones.build(backbone, bits, Estimators.of("reste", EstimatorOptions.defaults(), bits), 1000);
        int steps = 5;
        List<Float> losses = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            List<Parameter> trainable = new ArrayList<>();
            for (Pair<String, Parameter> pair : network.block().getParameters()) {
                if (pair.getValue().requiresGradient()) {
                    trainable.add(pair.getValue());
                }
            }
            SgdMomentum optimizer = new SgdMomentum(trainable, 0.9, 1e-4, manager);
            TrainingStep step = new TrainingStep(network, optimizer, null, new ParameterStore(manager, false));
            NDArray images = manager.randomNormal(new Shape(8, 3, 64, 64));
            NDArray labels = manager.randomInteger(0, 1000, new Shape(8), DataType.INT64);
            for (int s = 0; s < steps; s++) {
                try (StepScope scope = StepScope.open(manager, network.block())) {
                    losses.add(step.run(images, labels, 0.01).loss());
                }
            }
        }
        assertTrue(losses.stream().allMatch(Float::isFinite), "finite: " + losses);
        assertTrue(losses.get(steps - 1) < losses.get(0), "loss falls: " + losses);
    }
}
