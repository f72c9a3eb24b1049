package org.reste.tasks.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Downloads end in an error when the server stalls or refuses, against a real HTTP server on localhost. */
class UrlConnectionsTest {

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/stalls", exchange -> {
            try {
                release.await(); // answers nothing until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URL url(String path) throws IOException {
        return new URL("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aServerThatStopsAnsweringEndsInATimeoutNotAWaitForEver() throws IOException {
        URL stalls = url("/stalls");
        assertThrows(SocketTimeoutException.class, () -> UrlConnections.open(stalls, Duration.ofMillis(300)));
    }

    @Test
    void aRefusedRequestNamesTheUrlAndStatus() throws IOException {
        URL missing = url("/missing");
        IOException e = assertThrows(IOException.class, () -> UrlConnections.open(missing, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().equals(missing + ": HTTP 404 Not Found"), e.getMessage());
    }

    @Test
    void anAnsweringServerIsRead() throws IOException {
        try (InputStream in = UrlConnections.open(url("/ok"), Duration.ofSeconds(5)).getInputStream()) {
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
    }
}
