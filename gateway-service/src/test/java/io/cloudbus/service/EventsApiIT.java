package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/events} from the journal: newest first, pages, filters, bad parameters. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EventsApiIT {

  private Vertx vertx;
  private GatewayService service;
  private int port;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    service = GatewayService.start(vertx, TestEvents.options().build()).await();
    port = service.httpPort();
  }

  @AfterEach
  void stop() {
    service.close().await();
  }

  private JsonObject page(String query) {
    HttpResponse<String> r = Http.get(port, "/api/events" + query);
    assertThat(r.statusCode()).as(query).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static List<String> ids(JsonObject page) {
    List<String> ids = new ArrayList<>();
    page.getJsonArray("events").forEach(e -> ids.add(((JsonObject) e).getString("id")));
    return ids;
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void pagesNewestFirstWithFiltersSinceAndUntil() {
    // GIVEN 7 events: 4 bticino rings and calls, 3 simplisafe alarms
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      all.add(TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring").getString("id"));
      if (i < 3) {
        all.add(TestEvents.publish(vertx, "simplisafe", "home", "alarm.triggered").getString("id"));
      }
    }
    await().atMost(PATIENT).until(() -> TestEvents.journaled(service) == 7);
    List<String> newestFirst = new ArrayList<>(all);
    java.util.Collections.reverse(newestFirst);
    // WHEN it is read 3 at a time, following "next"
    List<String> read = new ArrayList<>();
    JsonObject p = page("?limit=3");
    int pages = 1;
    read.addAll(ids(p));
    while (p.getValue("next") != null) {
      p = page("?limit=3&cursor=" + q(p.getString("next")));
      read.addAll(ids(p));
      pages++;
    }
    // THEN every event once, newest first, in 3 pages
    assertThat(read).containsExactlyElementsOf(newestFirst);
    assertThat(pages).isEqualTo(3);
    // filters
    assertThat(ids(page("?vendor=bticino"))).hasSize(4);
    assertThat(ids(page("?vendor=simplisafe&account=home&type=alarm."))).hasSize(3);
    assertThat(ids(page("?type=io.cloudbus.doorbell."))).hasSize(4);
    assertThat(ids(page("?account=nobody"))).isEmpty();
    // since an event id: the newer ones; until a time before everything: none
    assertThat(ids(page("?since=" + q(all.get(3)))))
        .containsExactlyElementsOf(newestFirst.subList(0, 3));
    assertThat(ids(page("?until=" + q("2020-01-01T00:00:00Z")))).isEmpty();
    assertThat(ids(page("?since=" + q(Instant.now().plusSeconds(3600).toString())))).isEmpty();
    assertThat(page("?limit=100").getValue("next")).isNull();
  }

  @Test
  void badParametersAre400NamingThem() {
    TestEvents.publish(vertx, "bticino", "flat", "doorbell.ring");
    await().atMost(PATIENT).until(() -> TestEvents.journaled(service) == 1);
    for (String[] c :
        new String[][] {
          {"?limit=0", "bad_limit"},
          {"?limit=many", "bad_limit"},
          {"?cursor=zzz", "bad_cursor"},
          {"?until=yesterday", "bad_until"},
          {"?since=no-such-event", "bad_since"},
          {"?vendor=", "bad_filter"}
        }) {
      HttpResponse<String> r = Http.get(port, "/api/events" + c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code"))
          .as(c[0])
          .isEqualTo(c[1]);
    }
  }
}
