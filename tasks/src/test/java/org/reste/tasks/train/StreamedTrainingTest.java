package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetCatalog;

/** An ImageNet-layout folder trains end to end through the streamed path (224x224 crops). */
class StreamedTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void imageFolderTrainsAndReportsTopFive() throws Exception {
        Color[] colours = {Color.RED, Color.BLUE, Color.GREEN};
        for (String split : new String[] {"train", "val"}) {
            for (int c = 0; c < colours.length; c++) {
                Path dir = Files.createDirectories(tmp.resolve("imagenet").resolve(split).resolve("class" + c));
                for (int i = 0; i < (split.equals("train") ? 3 : 1); i++) {
                    BufferedImage image = new BufferedImage(260 + 10 * i, 240, BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = image.createGraphics();
                    g.setColor(colours[c]);
                    g.fillRect(0, 0, image.getWidth(), image.getHeight());
                    g.dispose();
                    ImageIO.write(image, "jpg", dir.resolve("img" + i + ".jpg").toFile());
                }
            }
        }
        ExperimentSpec spec = ExperimentSpec.builder().backbone("resnet18_imagenet").dataset("imagenet")
                .epochs(1).batch(4).testBatch(3).lr(0.01).warmupEpochs(0).build();
        RunRecord record = RunTrainer.train(spec, DatasetCatalog.open("imagenet", tmp.resolve("imagenet"), false),
                new PathRunStore(tmp.resolve("out")), RunContext.cpu()).record();
        assertEquals(RunStatus.FINISHED, record.status());
        // 9 images at batch 4 leave a last batch of one, which BatchNorm cannot train on: dropped.
        assertEquals(8, Math.round(record.epochs().get(0).imagesPerS() * record.epochs().get(0).trainSeconds()));
        assertNotNull(record.finalTop5(), "a streamed run records top-5");
        assertTrue(record.data().startsWith("image folder (3 classes)"), record.data());
    }
}
