/**
 * How a pair's votes become one `preferences` row. The SQL in
 * `private.snapshot_export` implements exactly this; the dataset card prints it.
 */
export const AGGREGATION_RULE = `Each pair's votes that the export may contain are aggregated into one row:
- A vote for a response scores its strength for that response: 1 for "better", 2 for "much better".
  A "tie" or "both bad" vote scores nothing for either response, but counts in n_votes.
- chosen is the response with the higher total score, rejected the other; score_chosen and
  score_rejected are those totals and margin = score_chosen - score_rejected.
- Pairs whose scores are equal (they end in a tie) are left out, and so are pairs where more than
  half of the votes are "both bad".
- agreement = votes for the chosen response / n_votes (ties and "both bad" count against it).
- Pairs with fewer than min_votes exportable votes, or agreement below min_agreement, are left out.
- terms_version is the newest terms version among the pair's votes; every version involved is
  listed in the manifest and in the Parquet footer.`;

/** How the `preferences-standard` shape turns message lists into plain strings. */
export const STANDARD_TEXT_RULE =
	'prompt, chosen and rejected are the contents of their messages joined by a blank line.';
