package com.returnsdrawer.server;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits Micronaut's Netty server has no setting for (it has one body limit for every route, and closes a
 * connection only when both directions are idle): a cap on open connections; a small body limit on every route
 * except {@code POST /webhooks}, whose 5 MiB is the server's own {@code max-request-size}; and closing a connection
 * whose client sent nothing for {@code micronaut.server.read-idle-timeout} while owed no answer. All act in the
 * connection's pipeline, before a request reaches a controller or a thread.
 */
@Singleton
class ServerLimits implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLimits.class);
    private static final String HANDLER = "returns-drawer-body-limit";
    /** Micronaut's request handler: the body limit sits just before it (HttpPipelineBuilder). */
    private static final String MICRONAUT_INBOUND = "micronaut-inbound-handler";

    private final int maxConnections;
    private final long maxBody;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger refusedSinceLog = new AtomicInteger();

    ServerLimits(@Value("${server.limits.max-connections:2000}") int maxConnections,
                 @Value("${server.limits.max-body:65536}") long maxBody) {
        this.maxConnections = maxConnections;
        this.maxBody = maxBody;
    }

    /** Connections open now. */
    int openConnections() {
        return open.get();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Root());
        return event.getBean();
    }

    private final class Root implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            if (role != ChannelRole.CONNECTION) {
                return this;
            }
            int now = open.incrementAndGet();
            channel.closeFuture().addListener(f -> open.decrementAndGet());
            if (now > maxConnections) {
                // Closed once the pipeline is set up; no byte of it is read.
                channel.config().setAutoRead(false);
                channel.eventLoop().execute(channel::close);
                if (refusedSinceLog.getAndIncrement() == 0) {
                    LOG.warn("connection limit of {} reached: new connections are closed", maxConnections);
                }
                return this;
            }
            if (now < maxConnections * 9 / 10) {
                refusedSinceLog.set(0);
            }
            return new Connection(channel);
        }
    }

    private final class Connection implements NettyServerCustomizer {
        private final Channel channel;

        Connection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel.pipeline().get(MICRONAUT_INBOUND) != null && channel.pipeline().get(HANDLER) == null) {
                channel.pipeline().addBefore(MICRONAUT_INBOUND, HANDLER, new RequestGuard(maxBody));
            }
        }
    }

    /**
     * Refuses, with 413, a request outside {@code POST /webhooks} that declares a longer body than the limit; a
     * chunked body that grows past it closes the connection. The refused body is read and discarded. Closes the
     * connection when the client has sent nothing for the read-idle timeout while the server owes it no answer
     * (idle between requests, or stuck half-way through sending one): Micronaut itself closes only when both
     * directions are idle.
     */
    static final class RequestGuard extends ChannelDuplexHandler {
        /** The longest refused body read to its end before closing (the webhook limit). */
        static final long MAX_DRAIN = 5L * 1024 * 1024;
        private final long limit;
        private boolean discarding;
        private boolean counting;
        private boolean receiving;
        private int answersOwed;
        private long seen;

        RequestGuard(long limit) {
            this.limit = limit;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                discarding = false;
                counting = false;
                receiving = true;
                seen = 0;
                if (!isWebhook(request.uri())) {
                    long length = HttpUtil.getContentLength(request, -1L);
                    if (length > limit) {
                        discarding = true;
                        ReferenceCountUtil.release(msg);
                        refuse(ctx, length <= MAX_DRAIN);
                        return;
                    }
                    counting = length < 0 && HttpUtil.isTransferEncodingChunked(request);
                }
            }
            if (msg instanceof HttpContent content) {
                if (msg instanceof LastHttpContent) {
                    receiving = false;
                    answersOwed++;
                }
                if (discarding) {
                    ReferenceCountUtil.release(msg);
                    if (msg instanceof LastHttpContent) {
                        // The refused body is read to its end: closing now sends no reset that could
                        // destroy the 413 in the client's buffer.
                        ctx.close();
                    }
                    return;
                }
                if (counting) {
                    seen += content.content().readableBytes();
                    if (seen > limit) {
                        ReferenceCountUtil.release(msg);
                        ctx.close();
                        return;
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            boolean informational = msg instanceof HttpResponse response
                    && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (msg instanceof LastHttpContent && !informational && answersOwed > 0) {
                answersOwed--;
            }
            super.write(ctx, msg, promise);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE
                    && (receiving || answersOwed == 0)) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, event);
        }

        private static boolean isWebhook(String uri) {
            return uri.equals("/webhooks") || uri.startsWith("/webhooks?");
        }

        /**
         * Answers 413. A body up to {@link #MAX_DRAIN} is then read and discarded before the connection closes:
         * closing with unread bytes makes the kernel send a reset, which can reach the client before it read the
         * answer. A longer declared body is not worth reading; the connection closes once the answer is out.
         */
        private static void refuse(ChannelHandlerContext ctx, boolean drain) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    Unpooled.copiedBuffer("request body too large", StandardCharsets.US_ASCII));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            if (drain) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
