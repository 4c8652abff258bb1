package io.tenantsync.emulator.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * TLS material minted at start: a private issuing certificate and a server certificate it signs for the loopback
 * names (localhost, 127.0.0.1, ::1). Clients trust the issuer's PEM; nothing is trusted JVM-wide.
 */
public final class LoopbackCertificates {
    private static final char[] NO_PASSWORD = "tenantsync".toCharArray();

    private final X509Certificate issuer;
    private final X509Certificate server;
    private final KeyPair serverKeys;

    private LoopbackCertificates(X509Certificate issuer, X509Certificate server, KeyPair serverKeys) {
        this.issuer = issuer;
        this.server = server;
        this.serverKeys = serverKeys;
    }

    /** Mints a fresh issuer and a server certificate valid for 30 days. */
    public static LoopbackCertificates mint() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair issuerKeys = gen.generateKeyPair();
            KeyPair serverKeys = gen.generateKeyPair();
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofHours(1)));
            Date until = Date.from(now.plus(Duration.ofDays(30)));
            SecureRandom random = new SecureRandom();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

            X500Name issuerName = new X500Name("CN=tenantsync emulator issuer " + now.getEpochSecond());
            X509v3CertificateBuilder ib = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(63, random), from, until,
                    issuerName, issuerKeys.getPublic());
            ib.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ib.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ib.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(issuerKeys.getPublic()));
            X509Certificate issuer = sign(ib, issuerKeys);

            X509v3CertificateBuilder sb = new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, random), from, until,
                    new X500Name("CN=localhost"), serverKeys.getPublic());
            sb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            sb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            sb.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            sb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")}));
            sb.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
            X509Certificate server = sign(sb, issuerKeys);
            return new LoopbackCertificates(issuer, server, serverKeys);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot mint the emulator's TLS certificates", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner cs = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(cs));
    }

    /** The server-side TLS context presenting the loopback certificate and its issuer. */
    public SSLContext serverContext() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", serverKeys.getPrivate(), NO_PASSWORD, new java.security.cert.Certificate[]{server, issuer});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, NO_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the server TLS context", e);
        }
    }

    /** PEM text of the issuing certificate. */
    public String issuerPem() {
        try {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(issuer.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the issuing certificate's PEM to {@code file}, creating parent folders, and returns the file. */
    public Path writeIssuerPem(Path file) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, issuerPem(), StandardCharsets.US_ASCII);
        return file;
    }

    /** A trust manager that trusts exactly the certificates in a PEM file (for clients of the emulator). */
    public static X509TrustManager trustManagerFor(Path pem) throws IOException, GeneralSecurityException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ts.setCertificateEntry("ca" + i++, cert);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }

    /** A client TLS context that trusts exactly the certificates in a PEM file. */
    public static SSLContext clientContextFor(Path pem) throws IOException, GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[]{trustManagerFor(pem)}, null);
        return ctx;
    }
}
