package io.tenantsync.emulator.sdk;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import io.tenantsync.emulator.EmulatorFixture;
import io.tenantsync.emulator.tls.LoopbackCertificates;
import okhttp3.OkHttpClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The official SDKs pointed at the emulator exactly as a production client would be, except for the base URLs and
 * the trusted certificate: ClientSecretCredential (instance discovery off) → caching credential → Graph client.
 */
public final class SdkClients {
    private SdkClients() {}

    public static ClientSecretCredential credential(EmulatorFixture f, String tenant, String clientId, String secret) {
        try {
            X509TrustManager tm = LoopbackCertificates.trustManagerFor(f.server.caCertificate());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[]{tm}, null);
            return new ClientSecretCredentialBuilder()
                    .tenantId(tenant).clientId(clientId).clientSecret(secret)
                    .authorityHost(f.authority())
                    .httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(ssl)).build())
                    .disableInstanceDiscovery()
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static GraphServiceClient graph(EmulatorFixture f, String tenant, String clientId, String secret, String scope) {
        try {
            X509TrustManager tm = LoopbackCertificates.trustManagerFor(f.server.caCertificate());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[]{tm}, null);
            var credential = new CachingTokenCredential(credential(f, tenant, clientId, secret));
            var auth = new AzureIdentityAuthenticationProvider(credential, new String[]{"127.0.0.1"}, scope);
            OkHttpClient http = GraphClientFactory.create(auth).sslSocketFactory(ssl.getSocketFactory(), tm).build();
            GraphServiceClient graph = new GraphServiceClient(auth, http);
            graph.getRequestAdapter().setBaseUrl(f.graphRoot());
            return graph;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A cloud member user of contoso for {@code graph.users().post(...)}. */
    public static com.microsoft.graph.models.User newMember(String alias) {
        var u = new com.microsoft.graph.models.User();
        u.setAccountEnabled(true);
        u.setDisplayName("User " + alias);
        u.setMailNickname(alias);
        u.setUserPrincipalName(alias + "@contoso.onmicrosoft.com");
        u.setMail(alias + "@contoso.com");
        var p = new com.microsoft.graph.models.PasswordProfile();
        p.setPassword("Secret!" + alias);
        p.setForceChangePasswordNextSignIn(false);
        u.setPasswordProfile(p);
        return u;
    }

    public static GraphServiceClient contoso(EmulatorFixture f) {
        return graph(f, EmulatorFixture.CONTOSO.toString(), "contoso-admin", "contoso-secret-value-0001", "https://graph.microsoft.com/.default");
    }

    public static GraphServiceClient fabrikam(EmulatorFixture f) {
        return graph(f, EmulatorFixture.FABRIKAM.toString(), "fabrikam-admin", "fabrikam-secret-value-0001", "https://graph.microsoft.com/.default");
    }
}
