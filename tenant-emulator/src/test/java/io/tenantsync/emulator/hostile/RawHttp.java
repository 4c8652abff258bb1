package io.tenantsync.emulator.hostile;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.SocketFactory;

/**
 * A minimal HTTP/1.1 client over a kept-alive socket that sends exactly the bytes it is given: no header is
 * validated, normalised or added except Host and Content-Length, so hostile requests reach the server as written
 * (java.net.http and REST-assured refuse or rewrite many of them).
 */
public final class RawHttp implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final SocketFactory sockets;
    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** A reply: status, headers with lower-cased names (last one wins), body bytes. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public RawHttp(SocketFactory sockets, String host, int port) {
        this.sockets = sockets;
        this.host = host;
        this.port = port;
    }

    /** Sends one request; a connection the server closed is reopened once. */
    public Reply send(HostileRequest request) throws IOException {
        byte[] bytes = encode(request);
        try {
            return exchange(bytes);
        } catch (IOException closedUnderUs) {
            // the server may close a kept-alive connection between requests; a fresh one gets a real answer
            reset();
            return exchange(bytes);
        }
    }

    private Reply exchange(byte[] bytes) throws IOException {
        if (socket == null) {
            socket = sockets.createSocket();
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        out.write(bytes);
        out.flush();
        Reply reply = read();
        if ("close".equalsIgnoreCase(reply.headers().get("connection"))) {
            reset();
        }
        return reply;
    }

    private byte[] encode(HostileRequest request) {
        var head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(':').append(port).append("\r\n");
        for (var header : request.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        head.append("Content-Length: ").append(request.body().length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + request.body().length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(request.body(), 0, all, headBytes.length, request.body().length);
        return all;
    }

    private Reply read() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if (status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
            headers.put("connection", "close");
        }
        return new Reply(status, headers, body);
    }

    private byte[] chunked() throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers are not needed
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line();
        }
    }

    private String line() throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed mid-response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private void reset() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // a dead socket is what we are discarding
        }
        socket = null;
    }

    @Override
    public void close() {
        reset();
    }
}
