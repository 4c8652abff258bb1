package io.tenantsync.gateway.server;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

import java.io.IOException;

/**
 * Answers HTTP/1.1 to requests that offer an upgrade to cleartext HTTP/2 ({@code Upgrade: h2c}), as RFC 9110 §7.8
 * allows. Java's {@code HttpClient} offers it by default; Grizzly would otherwise treat the request as upgraded and
 * stop decoding its body, so every POST from such a client failed.
 */
final class H2cUpgradeIgnored implements AddOn {
    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        builder.add(codec + 1, new BaseFilter() {
            @Override
            public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
                if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
                    HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
                    if ("h2c".equalsIgnoreCase(header.getUpgrade())) {
                        header.getUpgradeDC().recycle();
                        header.setIgnoreContentModifiers(false);
                        return ctx.getStopAction();
                    }
                }
                return ctx.getInvokeAction();
            }
        });
    }
}
