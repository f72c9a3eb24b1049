package org.reste.pipelines.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Two panels, estimating error and gradient instability against o_end, one line per backbone.
 * The y axes are logarithmic: instability spans orders of magnitude across the sweep.
 */
public final class EquilibriumPlot {

    private static final int PANEL_W = 460;
    private static final int PANEL_H = 340;
    private static final int MARGIN = 60;
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e)
    };

    private EquilibriumPlot() {}

    public static byte[] png(Map<String, TreeMap<Double, double[]>> curves) {
        BufferedImage image = new BufferedImage(2 * PANEL_W, PANEL_H + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        panel(g, 0, "estimating error", curves, 0);
        panel(g, PANEL_W, "gradient instability", curves, 1);
        int x = MARGIN;
        int i = 0;
        for (String name : curves.keySet()) {
            g.setColor(COLORS[i++ % COLORS.length]);
            g.fillRect(x, PANEL_H + 15, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(name, x + 16, PANEL_H + 26);
            x += 20 + g.getFontMetrics().stringWidth(name) + 20;
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double log(double value) {
        return Math.log10(Math.max(value, 1e-30));
    }

    private static void panel(Graphics2D g, int left, String title, Map<String, TreeMap<Double, double[]>> curves, int k) {
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (TreeMap<Double, double[]> curve : curves.values()) {
            for (Map.Entry<Double, double[]> p : curve.entrySet()) {
                xMin = Math.min(xMin, p.getKey());
                xMax = Math.max(xMax, p.getKey());
                yMin = Math.min(yMin, log(p.getValue()[k]));
                yMax = Math.max(yMax, log(p.getValue()[k]));
            }
        }
        int x0 = left + MARGIN;
        int y0 = PANEL_H - 40;
        int w = PANEL_W - MARGIN - 20;
        int h = PANEL_H - 80;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawString(title + " vs o_end (log scale)", x0, 25);
        g.drawLine(x0, y0, x0 + w, y0);
        g.drawLine(x0, y0, x0, y0 - h);
        if (xMin > xMax) {
            g.drawString("no indicator data yet", x0 + 20, y0 - h / 2);
            return;
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        if (yMax == yMin) {
            yMax = yMin + Math.max(1e-12, Math.abs(yMin) * 0.1);
        }
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, yMax)), left + 2, y0 - h - 6);
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, yMin)), left + 2, y0 + 16);
        g.drawString(EquilibriumReport.plain(xMin), x0, y0 + 16);
        g.drawString(EquilibriumReport.plain(xMax), x0 + w - 20, y0 + 16);
        g.drawString("o_end", x0 + w / 2, y0 + 30);
        int i = 0;
        for (TreeMap<Double, double[]> curve : curves.values()) {
            g.setColor(COLORS[i++ % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            List<Map.Entry<Double, double[]>> pts = List.copyOf(curve.entrySet());
            int px = -1;
            int py = -1;
            for (Map.Entry<Double, double[]> p : pts) {
                int x = x0 + (int) Math.round((p.getKey() - xMin) / (xMax - xMin) * w);
                int y = y0 - (int) Math.round((log(p.getValue()[k]) - yMin) / (yMax - yMin) * h);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
    }
}
