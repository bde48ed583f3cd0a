package io.cloudbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The shipped logback.xml parses (a bad comment makes logback print its own status to stdout). */
class LogbackConfigTest {

  @Test
  void parsesAndLogsCloudbusAtWarnByDefault() throws Exception {
    Document doc;
    try (InputStream in = getClass().getResourceAsStream("/logback.xml")) {
      assertThat(in).isNotNull();
      doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
    NodeList loggers = doc.getElementsByTagName("logger");
    String level = null;
    for (int i = 0; i < loggers.getLength(); i++) {
      Element e = (Element) loggers.item(i);
      if (e.getAttribute("name").equals("io.cloudbus")) {
        level = e.getAttribute("level");
      }
    }
    assertThat(level).isEqualTo("${CLOUDBUS_LOG_LEVEL:-WARN}");
  }
}
