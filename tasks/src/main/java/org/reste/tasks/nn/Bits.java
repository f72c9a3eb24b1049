package org.reste.tasks.nn;

/**
 * Bit widths of weights and activations as the paper writes them: "1/1" (1W/1A), "1/32"
 * (1W/32A) or "32/32" (the full-precision twin).
 */
public record Bits(int weights, int activations) {

    public Bits {
        if (weights != 1 && weights != 32 || activations != 1 && activations != 32) {
            throw new IllegalArgumentException(
                    "W/A must be 1/1, 1/32 or 32/32, got " + weights + "/" + activations);
        }
        if (weights == 32 && activations == 1) {
            throw new IllegalArgumentException("32/1 (binary activations, real weights) is not a paper setting");
        }
    }

    /** Parses "1/1", "1/32", "32/32" (also "W1A1" style is refused: one spelling only). */
    public static Bits parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("W/A must look like 1/1, 1/32 or 32/32, got '" + text + "'");
        }
        try {
            return new Bits(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("W/A must look like 1/1, 1/32 or 32/32, got '" + text + "'", e);
        }
    }

    public boolean binaryWeights() {
        return weights == 1;
    }

    public boolean binaryActivations() {
        return activations == 1;
    }

    public boolean fullPrecision() {
        return weights == 32;
    }

    @Override
    public String toString() {
        return weights + "/" + activations;
    }
}
