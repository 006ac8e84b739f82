/**
 * Words that say nothing about which product is meant: English function words and the filler of a chat
 * message ("do you have…", "is it in stock?", "show me…"). Kept short on purpose: words that look like
 * filler but describe gear stay searchable ("down" jacket, "long" sleeve, "top", "light", "off" in
 * zip-off, "one" size).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again all also am an and any anything are as at available availability be been
   below best but buy by can could did do does doing each eur euro euros find for from get good got
   great had has have hello hey hi how i if im in into is it its just less like looking me more my
   need nice of on or other our over please price priced recommend sell should show size sized so some
   something still stock stocked than thanks that the their them then there these they this those to
   under up us very want was we what which with would you your`.split(/\s+/),
);
