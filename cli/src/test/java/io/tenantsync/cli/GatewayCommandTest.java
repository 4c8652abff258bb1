package io.tenantsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantsync.gateway.auth.SecretHash;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tenantsync gateway}: its TLS options serve SCIM over HTTPS only, from a PKCS12 file or from PEM files. */
class GatewayCommandTest {
    private static final String PASSWORD = "store-password-1";

    @TempDir
    Path tmp;

    /** One connection whose target is never reached by these tests (they only read). */
    private Path config(String secret) throws IOException {
        Path file = tmp.resolve("gateway.yaml");
        Files.writeString(file, """
                connections:
                  - id: contoso-to-fabrikam
                    sourceTenantId: 11111111-1111-1111-1111-111111111111
                    target:
                      authorityHost: https://login.microsoftonline.com
                      graphBaseUrl: https://graph.microsoft.com/v1.0
                      tenantId: 22222222-2222-2222-2222-222222222222
                      clientId: 33333333-3333-3333-3333-333333333333
                      clientSecret: target-app-secret
                    authentication:
                      bearerSecretHashes: ["%s"]
                """.formatted(SecretHash.of(secret, new SecureRandom())));
        return file;
    }

    /** A self-signed key for 127.0.0.1 made with the JDK's keytool, as an operator would make one. */
    private Path keyStore() throws Exception {
        Path file = tmp.resolve("gateway.p12");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return file;
    }

    private static KeyStore load(Path p12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static SSLContext trusting(Path p12) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", load(p12).getCertificate("gateway"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** HTTPS with the right trust answers SCIM; plain HTTP on the same port gets no HTTP answer. */
    private static void assertServesHttpsOnly(CliRun.Serving gateway, String secret, Path p12) throws Exception {
        Matcher printed = Pattern.compile("(?m)^\\s*SCIM\\s+(\\S+/scim/v2)\\s").matcher(gateway.out());
        assertThat(printed.find()).as(gateway.out()).isTrue();
        URI base = URI.create(printed.group(1));
        assertThat(base.getScheme()).isEqualTo("https");
        assertThat(gateway.out()).contains("HTTPS only");
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(p12)).build();
        HttpResponse<String> users = https.send(HttpRequest.newBuilder(URI.create(base + "/Users?filter="
                        + "userName%20eq%20%22nobody%40contoso.com%22")).header("Authorization", "Bearer " + secret).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        assertThat(users.body()).contains("\"totalResults\":0");

        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI plainUri = URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + "/Users");
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(plainUri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);

        HttpClient untrusting = HttpClient.newHttpClient();
        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(base.resolve(base.getPath() + "/Users")).build(),
                HttpResponse.BodyHandlers.ofString())).as("a client that does not trust the key").isInstanceOf(IOException.class);
    }

    @Test
    void aPkcs12KeyStoreAndItsPasswordFileServeScimOverHttpsOnly() throws Exception {
        String secret = SecretHash.newSecret(new SecureRandom());
        Path p12 = keyStore();
        Path passwordFile = tmp.resolve("password.txt");
        Files.writeString(passwordFile, PASSWORD + "\n");
        try (CliRun.Serving gateway = CliRun.serve("gateway", "--config", config(secret).toString(), "--port", "0",
                "--tls-keystore", p12.toString(), "--tls-keystore-password-file", passwordFile.toString())) {
            assertServesHttpsOnly(gateway, secret, p12);
            assertThat(gateway.out() + gateway.err()).doesNotContain(PASSWORD).doesNotContain(secret);
            assertThat(gateway.stop()).isZero();
        }
    }

    @Test
    void aPemCertificateAndKeyServeScimOverHttpsOnly() throws Exception {
        String secret = SecretHash.newSecret(new SecureRandom());
        Path p12 = keyStore();
        KeyStore store = load(p12);
        Path cert = tmp.resolve("gateway.crt");
        Path key = tmp.resolve("gateway.key");
        Files.writeString(cert, pem("CERTIFICATE", store.getCertificate("gateway").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", store.getKey("gateway", PASSWORD.toCharArray()).getEncoded()));
        try (CliRun.Serving gateway = CliRun.serve("gateway", "--config", config(secret).toString(), "--port", "0",
                "--tls-cert", cert.toString(), "--tls-key", key.toString())) {
            assertServesHttpsOnly(gateway, secret, p12);
            assertThat(gateway.stop()).isZero();
        }
    }

    @Test
    void aWrongPasswordOrAMissingHalfIsRefusedWithAMessageAndNoSecret() throws Exception {
        String secret = SecretHash.newSecret(new SecureRandom());
        Path p12 = keyStore();
        Path wrong = tmp.resolve("wrong.txt");
        Files.writeString(wrong, "not-the-password-42\n");
        CliRun.Result bad = CliRun.run("gateway", "--config", config(secret).toString(), "--port", "0",
                "--tls-keystore", p12.toString(), "--tls-keystore-password-file", wrong.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("cannot read the PKCS12 key store " + p12).doesNotContain("not-the-password-42")
                .doesNotContain("\tat ");

        CliRun.Result half = CliRun.run("gateway", "--config", config(secret).toString(), "--port", "0",
                "--tls-keystore", p12.toString());
        assertThat(half.exitCode()).isEqualTo(1);
        assertThat(half.err()).contains("--tls-keystore and --tls-keystore-password-file go together");

        Path notPkcs8 = tmp.resolve("rsa.key");
        Files.writeString(notPkcs8, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        CliRun.Result pem = CliRun.run("gateway", "--config", config(secret).toString(), "--port", "0",
                "--tls-cert", p12.toString(), "--tls-key", notPkcs8.toString());
        assertThat(pem.exitCode()).isEqualTo(1);
        assertThat(pem.err()).contains("cannot read the certificate chain").doesNotContain("\tat ");
    }
}
