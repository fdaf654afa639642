package com.example.webexoauth.rooms;

import java.io.IOException;
import java.util.function.Supplier;

import com.example.webex.client.WebexProperties;
import com.example.webexoauth.system.DateFormats;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The benchmark's floor ({@link Floor}, {@code GET /bench/floor}), only with
 * {@code bench.floor.enabled=true} ({@code BENCH_FLOOR_ENABLED=true}): bench/run.sh turns
 * it on; nothing else should.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("bench.floor.enabled")
class FloorConfiguration {

	@Bean
	Floor benchFloor(HttpComponentsClientHttpRequestFactory webexRequestFactory, WebexProperties webex, JsonMapper json,
			MessageSource messages, LocaleResolver localeResolver, DateFormats dates) {
		return new Floor(webexRequestFactory, webex.apiBase(), json, messages, localeResolver, dates);
	}

	/**
	 * The valve that serves it ahead of the filters. The web server is created before
	 * most beans, so the floor is looked up at its first request, once.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatWebServerFactory> benchFloorValve(ObjectProvider<Floor> floor) {
		return (factory) -> factory.addContextValves(new FloorValve(SingletonSupplier.of(floor::getObject)));
	}

	/** Answers {@link Floor#PATH} itself; every other request goes on to the filters. */
	static final class FloorValve extends ValveBase {

		private final Supplier<Floor> floor;

		FloorValve(Supplier<Floor> floor) {
			super(true);
			this.floor = floor;
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			if (Floor.PATH.equals(request.getDecodedRequestURI())) {
				this.floor.get().serve(request, response);
				return;
			}
			getNext().invoke(request, response);
		}

	}

}
