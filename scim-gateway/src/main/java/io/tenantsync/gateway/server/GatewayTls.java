package io.tenantsync.gateway.server;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's HTTPS key: a PKCS12 file holding the server's private key and certificate chain, or the same as two PEM
 * files (a certificate chain and an unencrypted PKCS#8 private key).
 */
public final class GatewayTls {
    private GatewayTls() {}

    /**
     * A server TLS context from a PKCS12 key store; the password opens both the store and the key. The error names
     * the file, never the password.
     */
    public static SSLContext fromPkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            boolean hasKey = false;
            for (var aliases = store.aliases(); aliases.hasMoreElements(); ) {
                if (store.isKeyEntry(aliases.nextElement())) hasKey = true;
            }
            if (!hasKey) throw new IllegalArgumentException("the key store " + file + " holds no private key");
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the PKCS12 key store " + file + ": " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    /**
     * A server TLS context from PEM files: the certificate chain (server certificate first) and its private key as
     * unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}; RSA, EC or EdDSA). Errors name the files, never key material.
     */
    public static SSLContext fromPem(Path certificateChain, Path privateKey) {
        Collection<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(certificateChain)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the certificate chain " + certificateChain + ": "
                    + e.getClass().getSimpleName(), e);
        }
        if (chain.isEmpty()) throw new IllegalArgumentException("no certificate in " + certificateChain);
        PrivateKey key = privateKey(privateKey);
        char[] password = new char[32];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < password.length; i++) password[i] = (char) ('a' + random.nextInt(26));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("gateway", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key " + privateKey + " does not fit the certificate "
                    + certificateChain + ": " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static PrivateKey privateKey(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the private key " + file + ": " + e.getClass().getSimpleName(), e);
        }
        Matcher m = PKCS8.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("the private key " + file + " is not an unencrypted PKCS#8 PEM key "
                    + "(-----BEGIN PRIVATE KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the private key " + file + " is not valid base64", e);
        }
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("the private key " + file + " is not an RSA, EC or EdDSA key");
    }
}
