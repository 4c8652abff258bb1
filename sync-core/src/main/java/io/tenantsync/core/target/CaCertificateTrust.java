package io.tenantsync.core.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust in the certificate authorities of one PEM file and nothing else, handed to both HTTP stacks (OkHttp for
 * Graph, the JDK client for the token endpoint) so no JVM-wide trust store property is ever set.
 */
public record CaCertificateTrust(SSLContext sslContext, X509TrustManager trustManager) {

    /** Trusts every certificate in the PEM file; fails when it holds none. */
    public static CaCertificateTrust fromPem(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + pem);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            X509TrustManager trustManager = null;
            for (TrustManager candidate : factory.getTrustManagers()) {
                if (candidate instanceof X509TrustManager x509) {
                    trustManager = x509;
                }
            }
            if (trustManager == null) {
                throw new IllegalStateException("the JDK offers no X.509 trust manager");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return new CaCertificateTrust(context, trustManager);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA certificate file " + pem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot trust the certificates in " + pem + ": " + e.getMessage(), e);
        }
    }
}
