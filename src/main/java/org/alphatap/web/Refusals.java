package org.alphatap.web;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.alphatap.tap.TapException;

/**
 * Requests refused before any handler of the service reads them: by Netty, which cannot decode
 * them (a request line or headers past their limits, broken HTTP), or by the router (no such
 * path, a method the path does not take, a query string that its path parameters cannot be
 * decoded with). Vert.x would answer with a bare status or an HTML page; clients of a VO service
 * get the error document of the endpoint the path names (JSON when /predict was asked for JSON),
 * saying what to change.
 */
final class Refusals {
    private static final String ENDPOINTS = "the service answers at /tap (sync, async, capabilities, availability,"
            + " tables, examples), /scs/stars, /scs/clusters and /predict";

    private Refusals() {
    }

    /** Routes the router's own refusals on {@code router}. */
    static void route(Router router) {
        for (int status : new int[] {400, 404, 405, 500}) {
            router.errorHandler(status, ctx -> {
                TapException e = new TapException(status, message(ctx, status));
                if (ctx.request().path().startsWith("/predict")) {
                    PredictEndpoint.refuse(ctx, readable(ctx), e);
                } else {
                    answer(ctx.request(), e);
                }
            });
        }
    }

    /** The request's parameters, none when they cannot be decoded. */
    private static Map<String, String> readable(RoutingContext ctx) {
        try {
            return TapServer.parameters(ctx);
        } catch (TapException undecodable) {
            return Map.of();
        }
    }

    /**
     * For {@code HttpServer.invalidRequestHandler}: a request that is not HTTP Netty can decode;
     * Vert.x closes the connection after the answer.
     */
    static void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        TapException e;
        if (cause instanceof TooLongHttpLineException) {
            e = new TapException(414, "the request line is longer than " + HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH
                    + " bytes; send a long query by POST (as application/x-www-form-urlencoded or multipart/form-data)");
        } else if (cause instanceof TooLongHttpHeaderException) {
            e = new TapException(431, "the request headers are larger than " + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE
                    + " bytes; send fewer or shorter headers");
        } else {
            e = new TapException(400, "the request is not HTTP the service can read"
                    + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        answer(request, e);
    }

    private static String message(RoutingContext ctx, int status) {
        HttpServerRequest r = ctx.request();
        Throwable failure = ctx.failure();
        while (failure != null && failure.getCause() != null) {
            failure = failure.getCause();
        }
        String cause = failure == null || failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")";
        return switch (status) {
            case 404 -> "there is nothing at " + r.path() + "; " + ENDPOINTS;
            case 405 -> r.method().name() + " is not a method of " + r.path() + ": /tap/sync and /predict take GET and POST,"
                    + " /scs/* GET, /tap/async GET, POST and DELETE";
            case 400 -> "the request cannot be read" + cause + "; percent-encode the query string as URL encoders do";
            default -> "the service failed" + cause;
        };
    }

    /** The error document of the endpoint that the request's path names: a cone search's, or TAP's. */
    private static void answer(HttpServerRequest request, TapException e) {
        String path = request.path() == null ? "" : request.path();
        if (path.startsWith("/scs/")) {
            TapServer.coneSearchError(request.response(), e.status(), e);
        } else {
            TapServer.error(request.response(), e);
        }
    }
}
