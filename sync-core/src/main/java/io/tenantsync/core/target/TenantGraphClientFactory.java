package io.tenantsync.core.target;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Builds a {@link GraphServiceClient} for one tenant from a {@link GraphConnection}, wired as graph.md §0 verified:
 * {@code ClientSecretCredential} (instance discovery off for a non-Microsoft authority) behind a
 * {@link CachingTokenCredential}; the Graph host passed to the authentication provider as the only host tokens go to
 * (the convenience constructor knows only Microsoft's hosts and would send none to an emulator); the SDK's middleware
 * chain with its retry handler bounded by {@link GraphClientOptions#maxRetries()}; one {@link CaCertificateTrust} for
 * both HTTP stacks when a CA file is configured.
 */
public final class TenantGraphClientFactory {

    /** The retry handler's delay when a 429/503/504 carries no {@code Retry-After}, in seconds (the SDK default). */
    private static final long DEFAULT_RETRY_DELAY_SECONDS = RetryHandlerOption.DEFAULT_DELAY;
    /**
     * Idle connections kept per client. OkHttp's default of 5 is below the number of workers that share a client
     * (gateway, sync job): every burst then closed connections beyond five and the next one paid a TLS handshake.
     */
    private static final int IDLE_CONNECTIONS = 64;
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private TenantGraphClientFactory() {
    }

    /** A client for the connection's tenant, holding all its requests while the tenant's last 429 says to wait. */
    public static GraphServiceClient create(GraphConnection connection, GraphClientOptions options) {
        return create(connection, options, new ThrottlePacing());
    }

    /** A client whose requests keep {@code pacing}'s pace (shared with the connection's {@link GraphBatcher}). */
    static GraphServiceClient create(GraphConnection connection, GraphClientOptions options, ThrottlePacing pacing) {
        Optional<CaCertificateTrust> trust = connection.caCertificate().map(CaCertificateTrust::fromPem);
        TokenCredential credential = new CachingTokenCredential(credential(connection, options, trust));
        AzureIdentityAuthenticationProvider authentication = new AzureIdentityAuthenticationProvider(credential,
                new String[] {connection.graphHost()}, connection.scope());
        RetryHandlerOption retries = new RetryHandlerOption(null, options.maxRetries(), DEFAULT_RETRY_DELAY_SECONDS);
        OkHttpClient.Builder http = GraphClientFactory.create(authentication, new RequestOption[] {retries})
                .connectTimeout(options.requestTimeout())
                .readTimeout(options.requestTimeout())
                .writeTimeout(options.requestTimeout())
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                // last, below the SDK's retry handler: it sees every attempt's 429
                .addInterceptor(pacing);
        trust.ifPresent(t -> http.sslSocketFactory(t.sslContext().getSocketFactory(), t.trustManager()));
        GraphServiceClient graph = new GraphServiceClient(authentication, http.build());
        graph.getRequestAdapter().setBaseUrl(connection.graphBaseUrl().toString());
        return graph;
    }

    private static TokenCredential credential(GraphConnection connection, GraphClientOptions options,
                                              Optional<CaCertificateTrust> trust) {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        trust.ifPresent(t -> jdk.sslContext(t.sslContext()));
        HttpClient identityHttp = new JdkHttpClientBuilder(jdk)
                .connectionTimeout(options.requestTimeout())
                .responseTimeout(options.requestTimeout())
                .readTimeout(options.requestTimeout())
                .build();
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                .tenantId(connection.tenantId())
                .clientId(connection.clientId())
                .clientSecret(connection.clientSecret())
                .authorityHost(connection.authorityHost().toString())
                .httpClient(identityHttp);
        if (!connection.isMicrosoftAuthority()) {
            builder.disableInstanceDiscovery();
        }
        return builder.build();
    }
}
