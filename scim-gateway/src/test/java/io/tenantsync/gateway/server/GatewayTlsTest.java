package io.tenantsync.gateway.server;

import io.tenantsync.gateway.GatewayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway serves HTTPS with a PKCS12 key: SCIM over TLS works, plain HTTP to that port does not. */
class GatewayTlsTest {
    private static final char[] PASSWORD = "store-password-1".toCharArray();

    /** A self-signed key for 127.0.0.1 made by the JDK's keytool, as an operator would make one. */
    private static Path keyStore(Path dir) throws Exception {
        Path file = dir.resolve("gateway.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return file;
    }

    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", store.getCertificate("gateway"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void scimRequestsSucceedOverHttpsAndPlainHttpIsNotServed(@TempDir Path dir) throws Exception {
        Path p12 = keyStore(dir);
        SSLContext server = GatewayTls.fromPkcs12(p12, PASSWORD.clone());
        try (GatewayFixture gw = GatewayFixture.start(o -> o.withTls(server), Optional.empty())) {
            URI base = gw.server.baseUri();
            assertThat(base.getScheme()).isEqualTo("https");
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(p12)).build();
            HttpResponse<String> created = https.send(HttpRequest.newBuilder(URI.create(base + "/Users"))
                    .header("Authorization", "Bearer " + gw.secretA).header("Content-Type", "application/scim+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"tls@contoso.com\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("https://127.0.0.1:"));
            HttpResponse<String> found = https.send(HttpRequest.newBuilder(URI.create(base + "/Users?filter=userName%20eq%20%22tls@contoso.com%22"))
                    .header("Authorization", "Bearer " + gw.secretA).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.body()).contains("\"totalResults\":1");

            HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI plainUri = URI.create("http://127.0.0.1:" + gw.server.port() + GatewayServer.BASE_PATH + "/ServiceProviderConfig");
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(plainUri).timeout(java.time.Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aWrongPasswordOrAStoreWithoutAKeyIsRefusedWithoutEchoingThePassword(@TempDir Path dir) throws Exception {
        Path p12 = keyStore(dir);
        assertThatThrownBy(() -> GatewayTls.fromPkcs12(p12, "not-the-password".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(p12.toString()).hasMessageNotContaining("not-the-password");
        Path empty = dir.resolve("empty.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (var out = Files.newOutputStream(empty)) {
            store.store(out, PASSWORD);
        }
        assertThatThrownBy(() -> GatewayTls.fromPkcs12(empty, PASSWORD.clone())).hasMessageContaining("no private key");
    }
}
