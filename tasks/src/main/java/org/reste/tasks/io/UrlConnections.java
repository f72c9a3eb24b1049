package org.reste.tasks.io;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.time.Duration;

/**
 * Opens a download with timeouts, so a network that stops answering ends in an error instead of
 * a process that waits for ever (Java's default for both is "never"), and with the HTTP status
 * checked before anything is read.
 */
public final class UrlConnections {

    /** How long to wait for the connection and, once connected, for each read: a stalled mirror, not a slow one. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private UrlConnections() {}

    /**
     * A connected URLConnection to {@code source}.
     *
     * @throws IOException when it cannot connect within {@link #TIMEOUT}, or HTTP answers other than 200
     */
    public static URLConnection open(URL source) throws IOException {
        return open(source, TIMEOUT);
    }

    /** As {@link #open(URL)}, with another timeout (tests). */
    static URLConnection open(URL source, Duration timeout) throws IOException {
        URLConnection connection = source.openConnection();
        connection.setConnectTimeout((int) timeout.toMillis());
        connection.setReadTimeout((int) timeout.toMillis());
        connection.connect();
        if (connection instanceof HttpURLConnection http && http.getResponseCode() != 200) {
            int code = http.getResponseCode();
            String message = http.getResponseMessage();
            http.disconnect();
            throw new IOException(source + ": HTTP " + code + " " + message);
        }
        return connection;
    }
}
