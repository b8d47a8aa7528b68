/*
 * Test oracle for src/java-regex-names.ts: prints the names this JVM's
 * Character.UnicodeBlock.forName and Character.UnicodeScript.forName accept (upper case,
 * as both look names up after upper-casing them), one per line, each prefixed with
 * "block " or "script ". \p{InX}, \p{block=X}, \p{IsX} and \p{script=X} in a
 * java.util.regex.Pattern resolve X through these two methods (AWS-29).
 *
 * The accepted block names are a private map of Character.UnicodeBlock, so this reads it
 * by reflection:
 *
 *   java --add-opens java.base/java.lang=ALL-UNNAMED test/support/JavaUnicodeNames.java
 */
import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeSet;

public class JavaUnicodeNames {
  public static void main(String[] args) throws Exception {
    TreeSet<String> blocks = keys(Character.UnicodeBlock.class, "map");
    TreeSet<String> scripts = keys(Character.UnicodeScript.class, "aliases");
    for (Character.UnicodeScript s : Character.UnicodeScript.values()) scripts.add(s.name());
    for (String b : blocks) System.out.println("block " + b);
    for (String s : scripts) System.out.println("script " + s);
  }

  /** The keys of a private static map of `owner` (String keys). */
  private static TreeSet<String> keys(Class<?> owner, String name) throws Exception {
    Field f = owner.getDeclaredField(name);
    f.setAccessible(true);
    TreeSet<String> out = new TreeSet<>();
    for (Object k : ((Map<?, ?>) f.get(null)).keySet()) out.add((String) k);
    return out;
  }
}
