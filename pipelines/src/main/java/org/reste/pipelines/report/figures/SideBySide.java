package org.reste.pipelines.report.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * Several XChart panels as one PNG, left to right: XChart draws one chart per image, while a
 * figure of the paper puts its panels side by side. Java2D only places the rendered panels; the
 * PNG carries no time or other varying metadata, so the same charts give the same bytes.
 */
public final class SideBySide {

    private SideBySide() {}

    public static byte[] png(List<XYChart> panels) {
        return encode(image(panels));
    }

    static BufferedImage image(List<XYChart> panels) {
        int width = Math.max(1, panels.stream().mapToInt(XYChart::getWidth).sum());
        int height = Math.max(1, panels.stream().mapToInt(XYChart::getHeight).max().orElse(1));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int x = 0;
            for (XYChart panel : panels) {
                g.drawImage(BitmapEncoder.getBufferedImage(panel), x, 0, null);
                x += panel.getWidth();
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
