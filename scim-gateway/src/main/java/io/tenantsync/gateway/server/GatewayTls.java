package io.tenantsync.gateway.server;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;

/** The gateway's HTTPS key: a PKCS12 file holding the server's private key and certificate chain. */
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
}
