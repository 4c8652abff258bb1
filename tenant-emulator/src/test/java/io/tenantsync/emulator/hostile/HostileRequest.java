package io.tenantsync.emulator.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One request of a hostile corpus, as raw as it goes on the wire.
 *
 * @param family what kind of abuse it is (for the failure report)
 * @param method the request method
 * @param target the request target, already percent-encoded as intended (may be deliberately wrong)
 * @param headers the headers besides Host and Content-Length
 * @param body the body bytes (may be invalid UTF-8)
 */
public record HostileRequest(String family, String method, String target, List<Header> headers, byte[] body) {
    public record Header(String name, String value) {}

    /** Whether the method is safe (RFC 9110 §9.2.1): a success to it writes nothing. */
    public boolean isRead() {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /** A short description for failure messages: family, method, target and the body's first bytes. */
    public String describe() {
        String text = new String(body, StandardCharsets.UTF_8);
        String shown = text.length() > 160 ? text.substring(0, 160) + "…(" + body.length + " bytes)" : text;
        String path = target.length() > 160 ? target.substring(0, 160) + "…" : target;
        var shownHeaders = new StringBuilder();
        for (Header header : headers) {
            String value = header.name().equalsIgnoreCase("Authorization") ? header.value().split(" ")[0] + " …" : header.value();
            shownHeaders.append(header.name()).append(": ").append(value.length() > 60 ? value.substring(0, 60) + "…" : value).append("; ");
        }
        return family + " " + method + " " + path + " [" + shownHeaders + "] " + shown;
    }
}
