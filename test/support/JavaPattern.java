/*
 * Test oracle for AWS-29 (a selectionPattern is a java.util.regex.Pattern): tells, for
 * each pattern, whether the JVM's Pattern.compile accepts it.
 *
 * Run with the single-file source launcher (Java 11+, no build step):
 *
 *   java test/support/JavaPattern.java < patterns.txt
 *
 * Input: one pattern per line, Base64 of its UTF-8 bytes (so that any character,
 * newlines included, survives the trip). Output: one line per input line, in order:
 * `ok` when Pattern.compile(pattern) succeeds, otherwise `error<TAB>` followed by the
 * PatternSyntaxException's description and index as JSON: {"description":...,"index":n}.
 * The pattern is compiled with no flags, as API Gateway is assumed to compile it.
 */
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

public class JavaPattern {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    String line;
    while ((line = in.readLine()) != null) {
      String pattern = new String(Base64.getDecoder().decode(line.trim()), StandardCharsets.UTF_8);
      try {
        Pattern.compile(pattern);
        out.println("ok");
      } catch (PatternSyntaxException e) {
        out.println("error\t{\"description\":" + json(e.getDescription()) + ",\"index\":" + e.getIndex() + "}");
      } catch (RuntimeException | StackOverflowError e) {
        // Not a syntax verdict (should not happen for short patterns): reported apart.
        out.println("crash\t{\"description\":" + json(e.toString()) + ",\"index\":-1}");
      }
    }
    out.flush();
  }

  /** A JSON string literal. */
  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
