/*
 * msg_table.h - every visible string.  X(id, Japanese, English).
 * Included twice by msg.h/msg.c (X-macro); no include guard on purpose.
 * Keep printf conversions identical in both columns.
 */
/* The desk and the home screen */
X(MSG_DESK_NAME, "中小企業サイバーセキュリティ相談窓口", "SME Cybersecurity Support Desk")
X(MSG_DESK_OWNER, "東京都", "Tokyo Metropolitan Government")
X(MSG_HOME_WELCOME, "知りたいことを選んでください", "Choose what you would like to know")
X(MSG_HOME_FOOTER, "画面にふれるか、クリックして選べます", "Touch or click a tile to begin")
X(MSG_HOME_EMPTY, "表示できる内容がありません。係員にお声がけください。",
  "Nothing to show yet. Please ask a member of staff.")
X(MSG_TILE_GUIDE, "ガイドブックを読む", "Read the guidebook")
X(MSG_TILE_GUIDE_SUB, "被害を防ぐための対策を、章ごとに紹介します", "Security measures, chapter by chapter")
X(MSG_TILE_DECKS, "セミナー資料", "Seminar slides")
X(MSG_TILE_DECKS_SUB, "セミナーのスライドを、自分のペースで見られます", "Page through the seminar slides at your own pace")
X(MSG_DECK_COUNT, "全 %d 枚", "%d slides")
X(MSG_TILE_SEARCH, "キーワードで探す", "Search by keyword")
X(MSG_TILE_SEARCH_SUB, "ガイドブックの中から、言葉で調べられます", "Find words anywhere in the guidebook")
X(MSG_SEARCH_TITLE, "ガイドブックを探す", "Search the guidebook")
X(MSG_SEARCH_HINT, "キーワードを選ぶか、入力してください", "Tap a keyword or type one")
X(MSG_SEARCH_NONE, "「%s」は見つかりませんでした", "No results for \"%s\"")
X(MSG_SEARCH_COUNT, "%d 件見つかりました", "%d results")
X(MSG_SEARCH_CLEAR, "×", "×")
X(MSG_KB_SMALL, "小", "small")
X(MSG_KB_LATIN, "ABC 123", "ABC 123")
X(MSG_KB_KANA, "かな", "Kana")
X(MSG_KB_SPACE, "空白", "Space")
X(MSG_KB_DELETE, "1字消す", "Delete")
X(MSG_KB_CLEAR, "全部消す", "Clear")
X(MSG_KB_CLOSE, "閉じる", "Close")
X(MSG_SEARCH_CHIPS, "ランサムウェア,フィッシング,パスワード,バックアップ,詐欺,ウイルス,不正アクセス,情報漏えい,相談,更新",
  "ransomware,phishing,password,backup,fraud,virus,unauthorized,leak,consult,update")
X(MSG_BACK, "もどる", "Back")
X(MSG_HOME, "ホーム", "Home")
X(MSG_PREV_CHAPTER, "前の章", "Previous chapter")
X(MSG_NEXT_CHAPTER, "次の章", "Next chapter")
X(MSG_GUIDE_TOC, "ガイドブック 目次", "Guidebook contents")
X(MSG_TOC_FROM_START, "この章をはじめから読む", "Read this chapter from the start")
X(MSG_TEXT_SIZE, "文字 %d%%", "Text %d%%")
X(MSG_PAGE_POS, "%d / %d", "%d / %d")
X(MSG_SCROLL_POS, "%d%%", "%d%%")

/* Command line */
X(MSG_USAGE,
  "使い方: madoguchi [--window] [--size WxH] [--display N] [--content DIR] [--font FILE] [--lang ja|en] [--config FILE]\n"
  "       madoguchi screenshot VIEW [--size WxH] [--page-down N] -o FILE.png   (VIEW: home, guide toc|N, search QUERY, referrals [virus|mail|money|leak|web|posts|shop-bought|shop-fake|shop-customers|prepare], finder [PROBLEM], faq [CATEGORY|ITEM], notes, note ID, decks, deck DECK.md N, presenter DECK.md N, selfcheck [ANSWERS], attract [N])\n"
  "       madoguchi check [--content DIR]\n"
  "       madoguchi deck info DECK.md\n"
  "       madoguchi search QUERY [--guidebook FILE.epub]\n"
  "       madoguchi notes add --question TEXT --category CODE [--answer TEXT] [--referral ID]... [--company NAME] [--channel CODE] [--faq] [--db FILE]\n"
  "       madoguchi notes list [--json] | notes show ID [--db FILE]\n"
  "       madoguchi pin set [--db FILE]   (the PIN is read from standard input)\n"
  "       madoguchi setup [--db FILE] [--config FILE]   (set up a kiosk, question by question)\n"
  "       madoguchi office init [--from MASTER] | office key [-o madoguchi-office.key]   (事務局: パスフレーズは MADOGUCHI_PASSPHRASE か端末から)\n"
  "       madoguchi kiosk enrol KEY|FILE | kiosk purge-after DAYS   (事務局の公開鍵の登録、書き出した記録を消すまでの日数)\n"
  "       madoguchi notes export -o FILE.mdgx [--all] | import FILE... | csv -o FILE.csv [--since DATE] [--encoding cp932] | faq\n"
  "       madoguchi notes conflicts | resolve ID --keep REV | show ID --all-revisions | edit ID --FIELD VALUE... | purge --exported\n"
  "       madoguchi handout deck DECK.md [--layout 1|2|3|6|notes] | guide N... | referrals | consult ID -o FILE.pdf\n"
  "       madoguchi handout selfcheck 4,2,0,-1,... -o FILE.pdf   (自社診断の回答を設問の順に。先頭が -1 なら -o FILE.pdf -- -1,...)\n"
  "       madoguchi handout finder CODE -o FILE.pdf   (「いますぐすること」の1枚。CODE は referrals と同じ)\n"
  "       madoguchi suggest TEXT [--db FILE]   (相談の質問への FAQ・ガイドブック・相談先の提案。--db で過去の相談記録も: 職員用)\n"
  "       madoguchi stats [--db FILE] | stats add 4,2,0,-1,...   (自社診断の匿名の集計。紙で答えた分も加えられます)\n"
  "       madoguchi present DECK.md [N] [--duration 40m] [--audience-display N] [--window]\n",
  "usage: madoguchi [--window] [--size WxH] [--display N] [--content DIR] [--font FILE] [--lang ja|en] [--config FILE]\n"
  "       madoguchi screenshot VIEW [--size WxH] [--page-down N] -o FILE.png   (VIEW: home, guide toc|N, search QUERY, referrals [virus|mail|money|leak|web|posts|shop-bought|shop-fake|shop-customers|prepare], finder [PROBLEM], faq [CATEGORY|ITEM], notes, note ID, decks, deck DECK.md N, presenter DECK.md N, selfcheck [ANSWERS], attract [N])\n"
  "       madoguchi check [--content DIR]\n"
  "       madoguchi deck info DECK.md\n"
  "       madoguchi search QUERY [--guidebook FILE.epub]\n"
  "       madoguchi notes add --question TEXT --category CODE [--answer TEXT] [--referral ID]... [--company NAME] [--channel CODE] [--faq] [--db FILE]\n"
  "       madoguchi notes list [--json] | notes show ID [--db FILE]\n"
  "       madoguchi pin set [--db FILE]   (the PIN is read from standard input)\n"
  "       madoguchi setup [--db FILE] [--config FILE]   (set up a kiosk, question by question)\n"
  "       madoguchi office init [--from MASTER] | office key [-o madoguchi-office.key]   (the passphrase from MADOGUCHI_PASSPHRASE or the terminal)\n"
  "       madoguchi kiosk enrol KEY|FILE | kiosk purge-after DAYS   (the office's public key; days to keep exported notes)\n"
  "       madoguchi notes export -o FILE.mdgx [--all] | import FILE... | csv -o FILE.csv [--since DATE] [--encoding cp932] | faq\n"
  "       madoguchi notes conflicts | resolve ID --keep REV | show ID --all-revisions | edit ID --FIELD VALUE... | purge --exported\n"
  "       madoguchi handout deck DECK.md [--layout 1|2|3|6|notes] | guide N... | referrals | consult ID -o FILE.pdf\n"
  "       madoguchi handout selfcheck 4,2,0,-1,... -o FILE.pdf   (self-check answers in question order; starting with -1: -o FILE.pdf -- -1,...)\n"
  "       madoguchi handout finder CODE -o FILE.pdf   (the one-page \"what to do now\" sheet; CODE as for referrals)\n"
  "       madoguchi suggest TEXT [--db FILE]   (FAQ, guidebook and referral suggestions for a question; --db adds past notes: staff only)\n"
  "       madoguchi stats [--db FILE] | stats add 4,2,0,-1,...   (the self-check's anonymous counts; add one answered on paper)\n"
  "       madoguchi present DECK.md [N] [--duration 40m] [--audience-display N] [--window]\n")
X(MSG_ERR_OPTION, "不明なオプションです: %s", "unknown option: %s")
X(MSG_ERR_OPTION_ARG, "%s には値が必要です", "%s needs a value")
X(MSG_ERR_SIZE, "--size は 1280x720 のように指定してください: %s", "--size takes WIDTHxHEIGHT, e.g. 1280x720: %s")
X(MSG_ERR_LANG, "--lang は ja か en です: %s", "--lang takes ja or en: %s")
X(MSG_ERR_COMMAND, "不明なコマンドです: %s", "unknown command: %s")
X(MSG_ERR_NUMBER, "--%s には 0 以上の整数を指定してください: %s", "--%s takes a whole number of 0 or more: %s")
X(MSG_ERR_TOO_MANY, "%s が多すぎます", "too many %s")
X(MSG_ERR_VIEW, "不明な画面です: %s", "unknown view: %s")
X(MSG_ERR_NO_OUTPUT, "保存先を -o FILE.png で指定してください", "give the output file with -o FILE.png")
X(MSG_REC_BAD_UUID, "%s：UUID ではありません（%.40s）", "%s: not a UUID: '%.40s'")
X(MSG_REC_BAD_TIME, "%s：ミリ秒の時刻ではありません（%.40s）", "%s: not a time in milliseconds: '%.40s'")
X(MSG_REC_BAD_BOOL, "%s：0 か 1 で指定してください（%.40s）", "%s: not 0 or 1: '%.40s'")
X(MSG_REC_TOO_LONG, "%s：長すぎます（%zu バイト、上限は %zu バイト）", "%s: too long (%zu bytes, at most %zu)")
X(MSG_REC_BAD_UTF8, "%s：%zu バイト目が UTF-8 の文字になっていません", "%s: invalid UTF-8 at byte %zu")
X(MSG_REC_CONTROL, "%s：制御文字 0x%02X は使えません（%zu バイト目）", "%s: control character 0x%02X at byte %zu")
X(MSG_REC_EMPTY, "%s：入力がありません", "%s: empty")
X(MSG_REC_BAD_CODE, "%s：「%.64s」は使えません（使えるのは %s）", "%s: unknown code '%.64s' (%s)")
X(MSG_STORE_FOLDER, "%s: フォルダです。相談記録のデータベースではありません", "%s: is a folder, not a notes database")
X(MSG_STORE_NOT_FILE, "%s: 普通のファイルではありません", "%s: not a regular file")
X(MSG_STORE_NOT_SQLITE, "%s: 相談記録のデータベースではありません（SQLite のファイルではありません）", "%s: not a notes database (not an SQLite file)")
X(MSG_STORE_NO_VERSION, "%s: 形式の版がありません（PRAGMA user_version が行を返しません）", "%s: no schema version (PRAGMA user_version gave no row)")
X(MSG_STORE_BAD_VERSION, "%s: 形式の版 %d は Madoguchi が書くものではありません（壊れている可能性があります）", "%s: schema version %d is not one Madoguchi writes (damaged?)")
X(MSG_STORE_NEWER, "%s: 新しい Madoguchi で作られたファイルです（形式 %d、この版が知るのは %d まで）", "%s: made by a newer Madoguchi (schema %d, this one knows %d)")
X(MSG_STORE_FOREIGN, "%s: ほかのプログラムの SQLite ファイルです（表: %s%s）。相談記録のデータベースではありません。Madoguchi 専用のファイルを指定してください", "%s: an SQLite file of something else (tables: %s%s), not a notes database; give Madoguchi a file of its own")
X(MSG_STORE_NO_TABLES, "なし", "none")
X(MSG_STORE_NO_COLUMN, "%s: notes 表に列 %s がありません（移行手順のない項目です）", "%s: table notes has no column %s (a field without a migration)")
X(MSG_STORE_OLD_READONLY, "%s: 読み取り専用で、古い Madoguchi で作られています（形式 %d）。一度、書き込める場所で開いてください", "%s: read-only, and made by an older Madoguchi (schema %d): open it once where it can be written")
X(MSG_STORE_SODIUM, "%s: 暗号ライブラリ（libsodium）を初期化できません", "%s: cannot initialise libsodium")
X(MSG_STORE_LOCKED, "%s: 相談記録は暗号化されています。職員用 PIN が必要です", "%s: the notes are encrypted: the staff PIN is needed")
X(MSG_STORE_WRONG_PIN, "%s: PIN が違います（相談記録の鍵を開けられません）", "%s: wrong PIN (the notes' key does not open)")
X(MSG_STORE_KEY_BAD, "%s: 相談記録の鍵の設定が壊れています", "%s: the notes' key setting is damaged")
X(MSG_STORE_SEALED_BAD, "%s: 記録 %s の暗号文を開けません（壊れているか、別の鍵のものです）", "%s: note %s: the sealed fields do not open (damaged, or another key's)")
X(MSG_CHAPTER_N, "第%zu章", "Chapter %zu")
X(MSG_ERR_CONTENT_DIR, "コンテンツのフォルダが見つかりません: %s", "content folder not found: %s")
X(MSG_ERR_SDL_INIT, "画面を初期化できません: %s", "cannot initialise the display: %s")
X(MSG_ERR_WINDOW, "ウィンドウを作成できません: %s", "cannot create the window: %s")
X(MSG_ERR_FONT_OPEN, "フォントを開けません: %s: %s", "cannot open the font: %s: %s")
X(MSG_ERR_SCREENSHOT, "画像を保存できません: %s: %s", "cannot save the image: %s: %s")
X(MSG_ERR_DISPLAY, "ディスプレイ %d はありません (0 から %d まで)", "display %d does not exist (0 to %d)")
X(MSG_LOG_HEALTH, "起動 %ld ms: 資料 %d 件、章 %d、相談先 %d 件; ディスプレイ %d (%dx%d, %s, 描画 %s); メモリ %ld KiB (専有 %ld KiB); 端末 %s (%s)",
  "started in %ld ms: %d decks, %d chapters, %d referral entries; display %d (%dx%d, %s, renderer %s); memory %ld KiB resident (%ld KiB private); kiosk %s (%s)")
X(MSG_LOG_STOPPED, "終了: %s; 稼働 %ld 秒; 最大メモリ %ld KiB (専有 %ld KiB)",
  "stopped: %s; up %ld s; peak memory %ld KiB (%ld KiB private)")
X(MSG_LOG_WHY_SYSTEM, "システムの要求 (SIGTERM か SIGINT)", "the system asked (SIGTERM or SIGINT)")
X(MSG_LOG_WHY_QUIT, "操作による終了", "quit from the screen")
X(MSG_LOG_WHY_STAFF, "職員が PIN のあとで終了", "staff quit after the PIN")
X(MSG_LOG_PURGED, "書き出しから %d 日を過ぎた相談記録を起動時に %d 件消しました", "notes exported more than %d days ago removed at start: %d")
X(MSG_LOG_PURGE_FAILED, "起動時の書き出し済み記録の削除ができませんでした: %s", "could not remove the exported notes at start: %s")
X(MSG_SETUP_PIN, "職員用 PIN (6〜12 桁の数字): ", "Staff PIN (6 to 12 digits): ")
X(MSG_SETUP_PIN_KEEP, "職員用 PIN は設定済みです。新しい PIN (Enter でそのまま): ", "A staff PIN is set. A new one (Enter keeps it): ")
X(MSG_SETUP_PIN_AGAIN, "確認のため、もう一度: ", "Once more to confirm: ")
X(MSG_SETUP_PIN_CURRENT, "今の PIN (相談記録の鍵を開けます): ", "The current PIN (it opens the notes' key): ")
X(MSG_SETUP_KEY_SKIP, "事務局の公開鍵: madoguchi kiosk enrol 鍵|ファイル で登録してください (ここでは聞きません)", "Office public key: give it with madoguchi kiosk enrol KEY|FILE (not asked here)")
X(MSG_SETUP_BOOK, "ガイドブックの EPUB (今: %s; Enter でそのまま): ", "Guidebook EPUB (now: %s; Enter keeps it): ")
X(MSG_SETUP_BOOK_OK, "ガイドブック: %s を使います", "Guidebook: using %s")
X(MSG_SETUP_BOOK_BAD, "%s は EPUB として読めないため、使いません", "%s cannot be read as an EPUB: not used")
X(MSG_SETUP_PRINTER, "プリンター (今: %s; Enter でそのまま、- で CUPS の既定): ", "Printer (now: %s; Enter keeps it, - for the CUPS default): ")
X(MSG_SETUP_NO_PRINTER, "プリンターなし: 印刷・保存は USB メモリへの保存だけになります", "No printer: handouts can only be saved to a USB stick")
X(MSG_SETUP_TEST_PAGE, "%s にテストページ (相談先一覧) を印刷しますか? [y/N]: ", "Print a test page (the referral list) on %s? [y/N]: ")
X(MSG_SETUP_TEST_SENT, "テストページを %s に送りました", "Test page sent to %s")
X(MSG_SETUP_NO_DISPLAY, "ディスプレイが見つかりません (%s)。あとで設定ファイルの [kiosk] display で選べます", "No display found (%s); choose one later with [kiosk] display in the settings")
X(MSG_SETUP_DISPLAY, "表示するディスプレイの番号 (今: %s): ", "Display to use (now: %s): ")
X(MSG_SETUP_WROTE, "設定を %s に書きました", "Settings written to %s")
X(MSG_SETUP_FAILED, "できませんでした: %s", "failed: %s")
X(MSG_SETUP_READY, "準備: PIN %s、資料 %d 件、章 %d、プリンター %s、ディスプレイ %d", "Ready: PIN %s, %d decks, %d chapters, printer %s, display %d")
X(MSG_LOG_DISPLAY_PRIMARY, "1 台目のディスプレイに表示します", "showing on the primary display")
X(MSG_ERR_SLIDE, "スライド %d はありません (1 から %d まで)", "slide %d does not exist (1 to %d)")
X(MSG_ERR_CHAPTER, "章 %d はありません (1 から %d まで)", "chapter %d does not exist (1 to %d)")
X(MSG_ERR_CHAPTER_ARG, "章の番号ではありません: %s (1 から %d まで)", "not a chapter number: %s (1 to %d)")
X(MSG_ERR_NO_NOTE, "この id の相談記録はありません: %s", "no note with id %s")
X(MSG_CHECK_OK, "%s: 問題はありません (%d ファイル)", "%s: all content is valid (%d files)")
X(MSG_CHECK_FAIL, "%s: エラー %d 件、警告 %d 件", "%s: %d errors, %d warnings")

/* Fonts */
X(MSG_ERR_FONT_NONE,
  "日本語の TrueType フォントが見つかりません。次のコマンドで入れてください: sudo apt-get install fonts-morisawa-bizud-gothic fonts-ipaexfont-gothic",
  "no Japanese TrueType font found; install one with: sudo apt-get install fonts-morisawa-bizud-gothic fonts-ipaexfont-gothic")
X(MSG_ERR_FONT_FILE, "フォントファイルを読めません: %s", "cannot read the font file: %s")
X(MSG_ERR_FONT_NO_JA, "フォントに日本語の文字がありません: %s (fonts-ipaexfont-gothic を推奨)",
  "the font has no Japanese glyphs: %s (fonts-ipaexfont-gothic is recommended)")
X(MSG_ERR_FONT_NOT_TT, "TrueType アウトラインのフォントではありません (PDF に埋め込めません): %s",
  "not a TrueType-outline font (cannot be embedded in PDF): %s")

/* Content diagnostics (printed as file:line: message) */
X(MSG_DIAG_WARNING, "警告", "warning")
X(MSG_ERR_READ, "読めません: %s", "cannot read: %s")
X(MSG_ERR_UTF8, "UTF-8 として正しくないバイトがあります (%d 桁目)", "invalid UTF-8 (column %d)")
X(MSG_ERR_FM_UNCLOSED, "front matter が閉じていません (--- の行がありません)", "front matter is not closed (no closing --- line)")
X(MSG_ERR_FM_SYNTAX, "front matter の行は「キー: 値」の形にしてください: %s", "front matter lines must be 'key: value': %s")
X(MSG_ERR_FM_DUP, "front matter のキーが重複しています: %s", "duplicate front matter key: %s")
X(MSG_ERR_FM_QUOTE, "引用符が閉じていません: %s", "unterminated quote: %s")
X(MSG_ERR_FM_MISSING, "front matter に %s がありません", "front matter has no %s")
X(MSG_ERR_FM_NUMBER, "%s は整数にしてください: %s", "%s must be a whole number: %s")
X(MSG_WARN_FM_UNKNOWN, "不明な front matter のキーです: %s", "unknown front matter key: %s")
X(MSG_ERR_MD_PARSE, "Markdown を解析できません", "cannot parse the Markdown")
X(MSG_ERR_IMAGE_MISSING, "画像がありません: %s", "image not found: %s")
X(MSG_ERR_IMAGE_REMOTE, "ネット上の画像は使えません (オフラインのため): %s", "remote images cannot be used offline: %s")
X(MSG_ERR_EMPTY_DIR, "内容がありません: %s", "no content files in: %s")

/* Decks (Marp subset) */
X(MSG_WARN_DECK_STYLE, "<style> の CSS はここでは効きません。テーマの見た目で表示します（Marp のプレビューとは見た目が変わります）",
  "a <style> block's CSS is not applied here: the slide is drawn in its theme's look (it will differ from the Marp preview)")
X(MSG_ERR_DECK_HTML, "HTML は使えません (コメントだけ使えます): %s", "raw HTML is not supported (only comments are): %s")
X(MSG_ERR_DECK_DIRECTIVE, "不明なディレクティブです: %s", "unknown directive: %s")
X(MSG_ERR_DECK_UNSUPPORTED, "このディレクティブには対応していません: %s", "directive not supported: %s")
X(MSG_ERR_DECK_THEME, "不明なテーマです: %s (default, gaia, uncover のどれか)", "unknown theme: %s (use default, gaia or uncover)")
X(MSG_ERR_DECK_SIZE, "size は 16:9 か 4:3 です: %s", "size must be 16:9 or 4:3: %s")
X(MSG_ERR_DECK_BOOL, "%s は true か false です: %s", "%s must be true or false: %s")
X(MSG_ERR_DECK_MATH, "数式には対応していません", "math is not supported")
X(MSG_ERR_DECK_FILTER, "画像のフィルターには対応していません: %s", "image filters are not supported: %s")
X(MSG_WARN_DECK_NOMARP, "front matter に marp: true がありません (VS Code でスライドとして表示されません)",
  "no 'marp: true' in the front matter (VS Code will not preview it as slides)")
X(MSG_WARN_DECK_OVERFLOW, "スライド %d の内容が入りきらないため %d%% に縮小しています",
  "slide %d does not fit and is shrunk to %d%%")

/* Presenter console */
X(MSG_PRES_NEXT, "次のスライド", "Next slide")
X(MSG_PRES_NEXT_STEP, "次：このスライドの次の項目", "Next: the next item of this slide")
X(MSG_PRES_LAST, "最後のスライドです。次は終わりの画面です", "This is the last slide; next is the end card")
X(MSG_PRES_NOTES, "ノート", "Notes")
X(MSG_PRES_NO_NOTES, "（このスライドにノートはありません）", "(no notes for this slide)")
X(MSG_PRES_ELAPSED, "経過 %s", "Elapsed %s")
X(MSG_PRES_REMAIN, "残り %s", "Left %s")
X(MSG_PRES_OVER, "超過 %s", "Over %s")
X(MSG_PRES_PAUSED, "一時停止中（T で再開）", "Paused (T to resume)")
X(MSG_PRES_WAITING, "タイマーは最初のスライド送りで始まります（T ですぐ開始）",
  "The timer starts at the first slide change (T starts it now)")
X(MSG_PRES_ESC, "もう一度 Esc を押すと終了します", "Press Esc again to quit")
X(MSG_PRES_SLIDE, "スライド %d / %d", "Slide %d / %d")
X(MSG_PRES_STEP, "項目 %d / %d", "Step %d / %d")
X(MSG_PRES_AT_END, "スライドは以上です。← で最後のスライドに戻ります（Esc を 2 回押すと終了）",
  "End of the deck: ← goes back to the last slide (Esc twice quits)")
X(MSG_PRES_END_CARD, "スライドは以上です", "End of slides")
X(MSG_PRES_HELP, "T\u00A0タイマー　R\u00A0リセット　P\u00A0画面切替　B\u00A0黒画面　O\u00A0一覧　番号+Enter\u00A0移動　L\u00A0ポインター　S\u00A0スポットライト　Z\u00A0範囲を拡大　Esc\u00A0解除",
  "T\u00A0timer  R\u00A0reset  P\u00A0console  B\u00A0black  O\u00A0overview  number+Enter\u00A0jump  L\u00A0pointer  S\u00A0spotlight  Z\u00A0zoom a box  Esc\u00A0clear")
X(MSG_PRES_POINTER, "ポインター表示中（L で消す）", "Pointer on (L turns it off)")
X(MSG_PRES_SPOTLIGHT, "スポットライト表示中（S で消す）", "Spotlight on (S turns it off)")
X(MSG_PRES_BOXZOOM, "拡大：現在のスライドの上で範囲をドラッグ（Esc でやめる）",
  "Zoom: drag a box on the current slide (Esc cancels)")
X(MSG_PRES_ZOOMED, "拡大して投影中（Esc か Z で元に戻す）", "Projecting a zoomed part (Esc or Z resets)")
X(MSG_PRES_AUDIENCE, "投影中：ディスプレイ %d", "Projecting on display %d")
X(MSG_PRES_SINGLE, "ディスプレイ 1 台（P で画面切替）", "One display (P switches)")
X(MSG_SLIDES_RESTART, "最初に戻る", "Back to start")
X(MSG_ERR_DURATION, "--duration は 40m、90s、1h のように指定してください: %s", "--duration takes 40m, 90s or 1h: %s")

/* EPUB */
X(MSG_ERR_EPUB_ZIP, "EPUB (zip) として読めません: %s", "not a readable EPUB (zip): %s")
X(MSG_ERR_EPUB_CONTAINER, "META-INF/container.xml に本文の場所がありません", "META-INF/container.xml names no package document")
X(MSG_ERR_EPUB_MISSING, "本の中にファイルがありません: %s", "file missing from the book: %s")
X(MSG_ERR_EPUB_PATH, "本の外を指すパスは読みません: %s", "a path outside the book is not read: %s")
X(MSG_WARN_EPUB_HTML, "XHTML として正しくないため、HTML として読みました", "not well-formed XHTML; read as HTML instead")
X(MSG_WARN_EPUB_NONAV, "目次 (nav) がないため、章の一覧を目次にします", "no navigation document: the chapters are the contents")

/* Self-check, its printed plan and anonymous counts; the FAQ */
X(MSG_ERR_INI_LONG, "行が長すぎます (%d バイトまで)。続きは字下げした次の行に書けます",
  "line too long (%d bytes at most); go on over an indented next line")
X(MSG_WARN_INI_KEY, "不明なキーです: %s", "unknown key: %s")
X(MSG_ERR_SC_DUP, "id が重複しています: %s", "duplicate id: %s")
X(MSG_ERR_SC_FIELD, "%s に %s がありません", "%s has no %s")
X(MSG_ERR_SC_VALUE, "%s の値が正しくありません: %s (%s のどれか)", "bad %s: %s (use one of %s)")
X(MSG_ERR_SC_AREA, "[area:%s] がありません", "no [area:%s] section")
X(MSG_ERR_SC_CHAPTER, "ガイドブックにない章です: %s (assets/guidebook のファイル名を .md なしで)",
  "no such guidebook chapter: %s (an assets/guidebook file name without .md)")
X(MSG_ERR_SC_QUESTION, "その id の設問はありません: %s", "no question with id %s")
X(MSG_WARN_SC_COUNT, "設問が %d 問あります (25 問にしてください)", "%d questions (there should be 25)")
X(MSG_ERR_FAQ_REF, "相談先リストにない id です: %s (assets/referrals.ini)",
  "not on the referral list: %s (assets/referrals.ini)")
X(MSG_ERR_FAQ_CATEGORY, "不明な分類です: %s (breach, outage, prevention, general, safety, other, guidebook のどれか)",
  "unknown category: %s (breach, outage, prevention, general, safety, other or guidebook)")
X(MSG_ERR_FAQ_PROBLEM, "相談先リストにない困りごとです: %s (assets/referrals.ini の [problem:...])",
  "unknown problem: %s (a [problem:...] of assets/referrals.ini)")
X(MSG_WARN_FAQ_PROBLEM, "困りごと %s の最初の一歩になる FAQ がありません (problems =)",
  "no FAQ item is a first step for problem %s (problems =)")
X(MSG_WARN_FAQ_UNCOVERED, "分類 %s の FAQ がありません", "no FAQ item in category %s")
/* The FAQ screen, the problem finder and the assistant (issue 17) */
X(MSG_TILE_FAQ, "よくある質問", "Frequently asked questions")
X(MSG_TILE_FAQ_SUB, "相談の多い質問と答えを、分野ごとに見られます", "Questions the desk is often asked, by topic")
X(MSG_FAQ_PICK, "知りたいことに近い分野を選んでください", "Choose the closest topic")
X(MSG_FAQ_CAT_BREACH, "被害にあった・情報が漏れた", "We were attacked, or data leaked")
X(MSG_FAQ_CAT_OUTAGE, "システムやサイトが止まった", "A system or site is down")
X(MSG_FAQ_CAT_PREVENTION, "これから備えたい", "Preparing")
X(MSG_FAQ_CAT_GENERAL, "対策の考え方", "How to think about security")
X(MSG_FAQ_CAT_SAFETY, "詐欺・犯罪の疑い", "Fraud or crime")
X(MSG_FAQ_CAT_OTHER, "そのほかの相談", "Other questions")
X(MSG_FAQ_CAT_GUIDEBOOK, "ガイドブックについて", "About the guidebook")
X(MSG_FAQ_ANSWER, "① すること", "① What to do")
X(MSG_FAQ_REFS, "② 相談先（上から順に）", "② Where to go (in this order)")
X(MSG_FAQ_READ, "くわしく読む", "Read more")
X(MSG_FAQ_SOURCES, "出典：%s", "Sources: %s")
X(MSG_KIND_GUIDE, "ガイドブック", "Guidebook")
X(MSG_KIND_FAQ, "よくある質問", "FAQ")
X(MSG_KIND_TITLED, "%s：%s", "%s: %s") /* a result's kind and its chapter */
X(MSG_TILE_FINDER, "何が起きましたか？", "What happened?")
X(MSG_TILE_FINDER_SUB, "起きたことを選ぶと、いますぐすることがわかります", "Pick what happened to see what to do now")
X(MSG_FINDER_NOW, "いますぐすること", "What to do now")
X(MSG_FINDER_CALL, "連絡する順番", "Who to call, in this order")
X(MSG_FINDER_READ, "読む章", "Chapters to read")
X(MSG_FINDER_NONE, "この困りごとの手順はまだありません。下の相談先に上から順に連絡してください。",
  "No steps for this yet: call the contacts below, first first.")
X(MSG_FINDER_SHEET, "起きたこと：%s", "What happened: %s")
X(MSG_FINDER_FOOT, "このシートは窓口の端末で作りました。相談先の番号は確認日の時点のものです。",
  "Made at the desk's kiosk. Phone numbers as of the date they were checked.")
X(MSG_ERR_PROBLEM_ARG, "困りごとの CODE が違います: %s (virus, mail, money, leak, web, posts, shop-bought, shop-fake, shop-customers, prepare)",
  "unknown problem CODE: %s (virus, mail, money, leak, web, posts, shop-bought, shop-fake, shop-customers, prepare)")
X(MSG_SUG_TITLE, "提案（職員用・来訪者には出ません）", "Suggestions (staff only, never shown to visitors)")
X(MSG_SUG_CATEGORY, "分類の候補：%s", "Category suggestion: %s")
X(MSG_SUG_SET_CATEGORY, "この分類にする", "Use this category")
X(MSG_SUG_COPY, "①②を写す", "Copy ① ②")
X(MSG_SUG_NAME_HIDDEN, "〇〇", "(name)") /* a past note's company or person, in its copied ① */
X(MSG_SUG_ADD_REFS, "相談先に加える", "Add these contacts")
X(MSG_SUG_KIND_FAQ, "FAQ", "FAQ")
X(MSG_SUG_KIND_GUIDE, "ガイド", "Guide")
X(MSG_SUG_KIND_NOTE, "過去の相談", "Past note")
X(MSG_SUG_KIND_REFERRAL, "相談先", "Referral")
X(MSG_SC_TITLE, "セキュリティ自社診断", "Security self-check")
X(MSG_SC_PART_BASIC, "基本の対策", "Basic measures")
X(MSG_SC_PART_EMPLOYEE, "従業員一人ひとりの対策", "What each employee does")
X(MSG_SC_PART_ORG, "会社としての対策", "What the company does")
X(MSG_SC_F_IDENTIFY, "特定（知る）", "Identify")
X(MSG_SC_F_PROTECT, "防御（守る）", "Protect")
X(MSG_SC_F_DETECT, "検知（気づく）", "Detect")
X(MSG_SC_F_RESPOND, "対応（動く）", "Respond")
X(MSG_SC_F_RECOVER, "復旧（戻す）", "Recover")
X(MSG_SC_ANS_DONE, "できている", "Done")
X(MSG_SC_ANS_PARTLY, "一部できている", "Partly")
X(MSG_SC_ANS_NOT, "できていない", "Not done")
X(MSG_SC_ANS_UNKNOWN, "わからない", "Don't know")
X(MSG_SC_ANS_NONE, "未回答", "Unanswered")
X(MSG_SC_PLAN_TITLE, "自社診断の結果と、次の一歩", "Your self-check and your next steps")
X(MSG_SC_SCORE, "%d 点（100 点満点）", "%d points out of 100")
X(MSG_SC_SCORE_OF, "%d 点（%d 点満点）", "%d points out of %d")
X(MSG_SC_COUNTS, "できている %d ・一部 %d ・できていない %d ・わからない %d ・未回答 %d",
  "done %d, partly %d, not done %d, don't know %d, unanswered %d")
X(MSG_SC_CHART, "5つの働きごとの達成度", "How far each of the five functions is covered")
X(MSG_SC_PART_SCORE, "%s %d%%", "%s %d%%")
X(MSG_SC_STEPS, "まず取り組む3つのこと", "Your first three steps")
X(MSG_SC_STEP, "%d. %s", "%d. %s")
X(MSG_SC_STEP_WHY, "（設問：%s 「%s」）", "(question: %s \"%s\")")
X(MSG_SC_ALL_DONE, "すべての設問が「できている」でした。この状態を保ち、年に一度は見直しましょう。",
  "Every answer was 'done'. Keep it that way and look again once a year.")
X(MSG_SC_READ, "読んでおきたいガイドブックの章", "Guidebook chapters to read")
X(MSG_SC_HELP, "相談・問い合わせ先", "Who to ask")
X(MSG_SC_SA, "SECURITY ACTION（自己宣言）", "SECURITY ACTION (self-declaration)")
X(MSG_SC_SA_TWO, "二つ星の宣言に手が届いています。基本方針を社内外に公開し、IPA のサイトから宣言しましょう。",
  "Two stars are within reach: publish your basic security policy and declare on IPA's site.")
X(MSG_SC_SA_ONE, "一つ星の宣言に手が届いています。基本の5つの対策に取り組むと宣言できます。次は基本方針を決めて二つ星をめざしましょう。",
  "One star is within reach: declare that you work on the five basic measures. Next, set a basic policy and aim for two stars.")
X(MSG_SC_SA_NONE, "まず「基本の対策」の5つに取り組みましょう。5つとも始めれば一つ星を宣言できます。",
  "Start with the five basic measures: once all five are under way you can declare one star.")
X(MSG_SC_PROGRESS, "質問 %d / %d ・ %s", "Question %d of %d: %s")
X(MSG_SC_WHY, "説明を見る", "Why it matters")
X(MSG_SC_WHY_CLOSE, "説明を閉じる", "Hide")
X(MSG_SC_PRINT, "結果を印刷", "Print my plan")
X(MSG_SC_AGAIN, "もう一度", "Start again")
X(MSG_TILE_SELFCHECK, "セキュリティ自社診断", "Security self-check")
X(MSG_TILE_SELFCHECK_SUB, "質問に答えると、次の一歩がわかります", "Answer 25 questions, see your next steps")
X(MSG_SC_PRIVACY, "この診断の回答は、お名前や会社名とは結びつけていません。",
  "Your answers are not linked to your name or your company.")
X(MSG_SC_ERR_ANSWER, "%d 番目の回答が正しくありません: %s (4, 2, 0, -1 か、未回答は空欄か _)",
  "answer %d is not valid: %s (use 4, 2, 0 or -1; leave it empty or _ when unanswered)")
X(MSG_SC_ERR_TOO_MANY, "回答が多すぎます: 設問は %d 問です", "too many answers: there are %d questions")
X(MSG_SC_ERR_NONE, "自社診断の設問がありません: %s", "no self-check questions in %s")
X(MSG_STATS_TITLE, "自社診断の集計 (回答 %lld 回、個人や会社とは結びついていません)",
  "Self-check counts (%lld completed; not linked to any person or company)")
X(MSG_STATS_HEAD, "設問\tできている\t一部\tできていない\tわからない\t未回答\t設問文",
  "question\tdone\tpartly\tnot done\tdon't know\tunanswered\ttext")
X(MSG_ERR_STATS, "集計を保存できません: %s", "cannot keep the counts: %s")
X(MSG_STATS_MEAN, "平均 %.1f 点", "mean score %.1f")
X(MSG_STATS_ADDED, "自社診断 1 回分を集計に加えました (全 %lld 回)", "one self-check counted (%lld in all)")

/* Referral quick list */
X(MSG_TILE_REFS, "困ったときの相談先", "Where to get help")
X(MSG_TILE_REFS_SUB, "困っていることを選ぶと、相談先がわかります", "Pick your problem to see who can help")
X(MSG_REF_TITLE, "困ったときの相談先", "Where to get help")
X(MSG_REF_PICK, "いちばん近いものを選んでください", "Choose the closest to your problem")
X(MSG_REF_VIRUS, "ウイルスに感染した・不正アクセスされた", "A virus, or someone broke in")
X(MSG_REF_MAIL, "怪しいメールやSMSが届いた", "A suspicious e-mail or SMS")
X(MSG_REF_MONEY, "お金をだまし取られた", "We lost money to fraud")
X(MSG_REF_LEAK, "個人情報が漏れたかもしれない", "Personal data may have leaked")
X(MSG_REF_WEB, "ホームページが止まった・改ざんされた", "Our website is down or defaced")
X(MSG_REF_POSTS, "ネットに悪質な書き込みをされた", "Harmful posts about us online")
X(MSG_REF_SHOP_BOUGHT, "偽ショップで買ってしまった", "We bought from a fake shop")
X(MSG_REF_SHOP_FAKE, "自社をかたる偽サイトがある", "A fake site poses as our company")
X(MSG_REF_SHOP_CUSTOMERS, "自社のお客様が偽サイトにだまされた", "A fake site cheated our customers")
X(MSG_REF_PREPARE, "これから備えたい・何から始めるか知りたい", "We want to prepare")
X(MSG_REF_PHONE, "電話 %s", "Phone %s")
X(MSG_REF_HOURS, "受付 %s", "Hours %s")
X(MSG_REF_WEB_ADDR, "ウェブ %s", "Web %s")
X(MSG_REF_CHECKED, "確認日 %s", "Checked %s")
X(MSG_REF_VERIFY, "（要確認）", "(to be confirmed)")
X(MSG_CHECK_UNCONFIRMED, "要確認の連絡先 (referrals.ini の verify = yes。来訪者の画面と配布物には印を出さないので、公開前に確かめてください):",
  "contact details still to be confirmed (verify = yes in referrals.ini; visitors' screens and handouts show no mark, so confirm them before they go out):")
X(MSG_REF_PORTAL, "相談窓口のポータルサイト", "The desk's portal")
X(MSG_REF_PORTAL_QR, "スマートフォンで QR コードを読み取ると、ページを開けます。", "Scan a QR code with a phone to open the page.")
X(MSG_ERR_REF_SYNTAX, "INI の形式が正しくありません", "not valid INI")
X(MSG_ERR_REF_LONG, "行が長すぎます (%d バイトまで、日本語でおよそ 60 字)", "line too long (at most %d bytes, about 60 Japanese characters)")
X(MSG_ERR_REF_ID, "id は英小文字・数字・- だけにしてください: %s", "an id takes lower-case letters, digits and -: %s")
X(MSG_ERR_REF_DUP, "id が重複しています: %s", "duplicate id: %s")
X(MSG_ERR_REF_PROBLEM, "不明な problems の値です: %s", "unknown problem code: %s")
X(MSG_ERR_REF_FIELD, "%s に %s がありません", "%s has no %s")
X(MSG_ERR_SETTING_NUMBER, "[%s] %s = %s: %d〜%d の整数にしてください (既定値を使います)",
  "[%s] %s = %s: must be a whole number from %d to %d (the default is used)")
X(MSG_ERR_SETTING_VALUE, "[%s] %s = %s: 使える値は %s です (既定値を使います)",
  "[%s] %s = %s: use one of %s (the default is used)")
X(MSG_ERR_SETTINGS_OPEN, "設定ファイルを開けません: %s", "cannot open the settings file: %s")
X(MSG_ERR_DESK_KEY, "[%s] に知らない設定があります: %s", "unknown setting in [%s]: %s")
X(MSG_ERR_REF_CARD_ID, "%s という相談先はありません ([problem:%s])", "no agency with id %s ([problem:%s])")
X(MSG_ERR_REF_CARD_DUP, "%s が [problem:%s] に二度あります", "%s is twice in [problem:%s]")
X(MSG_ERR_REF_WHY, "%s に、[problem:%s] で選ぶ理由の一行がありません", "%s has no why-line in [problem:%s]")
X(MSG_ERR_REF_EMPTY, "[problem:%s] に相談先がありません", "[problem:%s] lists no agency")
X(MSG_WARN_REF_UNLISTED, "%s はどの [problem:...] にもないので、画面に出ません", "%s is in no [problem:...] list, so the screen never shows it")
X(MSG_WARN_REF_PROBLEMS_KEY, "%s: problems = は使われません。[problem:...] の一覧に書いてください", "%s: problems = is not read any more; list the agency under [problem:...]")
X(MSG_REF_STEP, "%d. %s", "%d. %s")
X(MSG_REF_ORDER_HINT, "1 から順に相談してください。太字の一行が、そこを選ぶ理由と次へ進むときの目安です。", "Contact them from 1 down. The bold line says why, and when to go on to the next.")
X(MSG_WARN_TERM, "「%s」ではなく「%s」と書きます (assets/terms.ini)", "not \"%s\": write \"%s\" (assets/terms.ini)")
X(MSG_WARN_ITALIC, "斜体 (*…*) の強調は使いません。太字 (**…**) か「」にします", "no italics (*...*) for emphasis: use bold (**...**) or 「」")
X(MSG_WARN_NOTE_LONG, "読み上げるノートの一文が %d 文字あります。100 文字未満に分けます", "a spoken note sentence has %d characters: split it below 100")
X(MSG_WARN_TERMS_SECTION, "terms.ini の [%s] は読みません ([terms] だけです)", "terms.ini: [%s] is not read (only [terms])")
X(MSG_ERR_TERMS_RULE, "%s に、代わりに書く表記がありません", "%s has no spelling to use instead")
X(MSG_ERR_TERMS_DUP, "%s が二度あります", "%s is listed twice")
X(MSG_WARN_VERIFY_MARK, "%s はまだ確認されていません (referrals.ini の verify = yes)。同じ行に「要確認」と書きます", "%s is not confirmed yet (verify = yes in referrals.ini): write 要確認 on the same line")
X(MSG_WARN_CHAPTER_NAME, "「%s」という章はガイドブックにありません", "the guidebook has no chapter called 「%s」")
X(MSG_REF_ORDER_LEAD, "困っていることの見出しを探し、1 から順に相談してください。連絡先の詳しい内容は後ろのページにあります。",
  "Find your problem and contact them from 1 down. The details of each are on the pages after.")

/* Staff lock */
X(MSG_PIN_INVALID, "PIN は 6〜12 桁の数字にしてください", "the PIN must be 6 to 12 digits")
X(MSG_PIN_SET, "PIN を設定しました", "PIN set")
X(MSG_PIN_PROMPT, "職員用 PIN: ", "Staff PIN: ")
X(MSG_PIN_NONE, "%s: 相談記録は暗号化されています。職員用 PIN が必要です (MADOGUCHI_PIN を設定するか、端末から実行してください)",
  "%s: the notes are encrypted: the staff PIN is needed (set MADOGUCHI_PIN or run from a terminal)")
X(MSG_PIN_TITLE, "職員用 PIN を入力してください", "Staff PIN")
X(MSG_PIN_NEW, "新しい PIN を決めてください（6〜12 桁）", "Choose a new PIN (6 to 12 digits)")
X(MSG_PIN_AGAIN, "確認のため、もう一度入力してください", "Enter it again to confirm")
X(MSG_PIN_MISMATCH, "2 回の入力が違いました。最初からやり直してください", "The two entries differ. Start again")
X(MSG_PIN_WRONG, "PIN が違います。%d 秒後にもう一度どうぞ", "Wrong PIN. Try again in %d s")
X(MSG_PIN_LOCKED, "何度も間違えたため、%d 秒間ロックしています", "Locked for %d s after repeated wrong PINs")
X(MSG_LOG_NO_PIN, "職員用 PIN が未設定のため、職員モードは開きません。端末で madoguchi pin set (または madoguchi setup) を実行して設定してください",
  "staff mode stays closed: no staff PIN is set; set one in a terminal with `madoguchi pin set` (or `madoguchi setup`)")
X(MSG_PIN_OK, "決定", "OK")
X(MSG_ATTRACT_TOUCH, "画面にふれてください", "Touch the screen")
X(MSG_ATTRACT_GUIDE, "ガイドブックより", "From the guidebook")
X(MSG_PIN_DEL, "消す", "Delete")
X(MSG_ERR_NOTES_DB, "相談記録のデータベースを開けません: %s", "cannot open the notes database: %s")

/* Staff: consultation notes */
X(MSG_NOTES_TITLE, "相談記録（職員用）", "Consultation notes (staff)")
X(MSG_NOTES_NEW, "新しい相談", "New consultation")
X(MSG_NOTES_LOCK, "ロック", "Lock")
X(MSG_NOTES_EMPTY, "まだ相談記録はありません", "No notes yet")
X(MSG_NOTES_FOLLOWUP, "要フォロー", "Follow-up")
X(MSG_NOTES_ALL, "すべて", "All")
X(MSG_NOTES_QUIT, "終了", "Quit")
X(MSG_NOTES_QUIT_AGAIN, "もう一度「終了」を押すと窓口を閉じます", "Press Quit again to close the kiosk")
X(MSG_USB_BUTTON, "USBに書き出す", "Export to USB")
X(MSG_USB_TITLE, "USB メモリに書き出す（暗号化）", "Export to a USB stick (sealed)")
X(MSG_USB_CHOOSE, "書き出す USB メモリを選んでください。事務局の鍵で封をするので、なくしても中身は読めません", "Choose the USB stick. The file is sealed to the office key: a lost stick shows nothing")
X(MSG_USB_NONE, "USB メモリが見つかりません。差し込んでから「探し直す」を押してください", "No USB stick found. Plug one in and press Look again")
X(MSG_USB_RESCAN, "探し直す", "Look again")
X(MSG_USB_TO, "%s に書き出す", "Write to %s")
X(MSG_USB_DONE, "相談記録 %d 件を %s に書き出し、読み戻して確かめました", "%d notes written to %s and read back intact")
X(MSG_USB_NOTHING, "書き出す相談記録はありません（前回の書き出しから変更なし）", "Nothing to export: no note changed since the last export")
X(MSG_USB_FULL, "USB メモリがいっぱいで書き出せませんでした。何も残していません。空きのある USB メモリで試してください（%s）", "The USB stick is full: nothing was left on it. Try one with free space (%s)")
X(MSG_USB_READ_ONLY, "USB メモリが書き込み禁止です。何も書いていません。ロックを外すか別の USB メモリで試してください（%s）", "The USB stick is write-protected: nothing was written. Unlock it or try another (%s)")
X(MSG_USB_FAILED, "書き出せませんでした。何も記録していません：%s", "Not exported, nothing recorded: %s")
X(MSG_USB_VERIFY, "読み戻すと内容が違ったので、ファイルを消しました。別の USB メモリで試してください（%s）", "What was read back differed, so the file was removed. Try another stick (%s)")
X(MSG_USB_NO_KEY, "事務局の鍵が登録されていません。「事務局の鍵を登録」で USB メモリの鍵を登録してください（または madoguchi kiosk enrol KEY）。鍵がないと書き出せません", "No office key is enrolled: enrol the one on the USB stick with Enrol the office key (or madoguchi kiosk enrol KEY). Nothing can be exported without it")
X(MSG_USB_PURGE, "書き出し済みの記録をこの端末から消す", "Remove the exported notes from this kiosk")
X(MSG_USB_PURGED, "書き出し済みの相談記録 %d 件をこの端末から消しました（書き出していない記録は残ります）", "%d exported notes removed from this kiosk (notes never exported stay)")
X(MSG_USB_WRITE, "USB メモリに書けませんでした。何も残していません。別の USB メモリで試してください（%s）", "Could not write to the USB stick, nothing was left on it. Try another (%s)")
X(MSG_USB_PATH_LONG, "USB メモリの場所の名前が長すぎて書き出せません（%s）", "The USB stick's path is too long to write to (%s)")
X(MSG_USB_DB_FULL, "この端末のディスクがいっぱいで、相談記録を読み書きできません（%s）", "This kiosk's disk is full: the notes cannot be read or written (%s)")
X(MSG_USB_DB_READONLY, "相談記録のデータベースが読み取り専用です（%s）", "The notes database is read-only (%s)")
X(MSG_USB_DB_IO, "相談記録のデータベースを読み書きできません（%s）", "The notes database cannot be read or written (%s)")
X(MSG_USB_DB_OTHER, "相談記録のデータベースで問題が起きました。管理者に連絡してください（%s）", "Something is wrong with the notes database: call the administrator (%s)")
X(MSG_USB_TOO_MANY, "1 回に書き出せるのは %s 版までです。2 回に分けてください", "more than %s revisions in one export: export twice")
X(MSG_USB_TOO_LARGE, "書き出すファイルが %s MB を超えます", "the export would be larger than %s MB")
X(MSG_USB_SODIUM, "暗号ライブラリ（libsodium）を始められません%s", "libsodium cannot start%s")
X(MSG_ENROL_BUTTON, "事務局の鍵を登録", "Enrol the office key")
X(MSG_ENROL_TITLE, "事務局の鍵を登録（USB メモリから）", "Enrol the office key (from a USB stick)")
X(MSG_ENROL_NO_DRIVE, "USB メモリが見つかりません。鍵のファイル（%s）を入れた USB メモリを差し込んで「探し直す」を押してください", "No USB stick found. Plug in the stick holding the key file (%s) and press Look again")
X(MSG_ENROL_NO_FILE, "USB メモリに事務局の鍵のファイル（%s）がありません。事務局で madoguchi office key -o で作ったファイルを入れてください", "The USB stick holds no office key file (%s). Put the file made at the office with madoguchi office key -o on it")
X(MSG_ENROL_MANY, "事務局の鍵のファイルが %d 個あります（%s）。どれを登録するか決められないので、1 個だけにしてください", "%d office key files were found (%s). Leave only one, so it is clear which to enrol")
X(MSG_ENROL_BAD, "鍵のファイル %s は使えません：%s", "The key file %s cannot be used: %s")
X(MSG_ENROL_CHECK, "鍵が見つかりました（%s）。下の指紋を事務局の指紋と見比べ、同じなら「登録する」を押してください", "Key found (%s). Compare the fingerprint below with the office's; if they match, press Enrol")
X(MSG_ENROL_FINGERPRINT, "指紋：%s", "Fingerprint: %s")
X(MSG_ENROL_DO, "登録する", "Enrol")
X(MSG_ENROL_REPLACE, "置き換える", "Replace")
X(MSG_ENROL_SAME, "この鍵はもう登録されています（指紋：%s）。何も変えていません", "This key is already enrolled (fingerprint %s): nothing changed")
X(MSG_ENROL_OTHER, "別の事務局の鍵がもう登録されています（指紋：%s）。USB メモリの鍵に置き換えるなら、指紋を見比べてから「置き換える」を押してください", "Another office key is enrolled already (fingerprint %s). To replace it with the stick's, compare the fingerprints and press Replace")
X(MSG_ENROL_DONE, "事務局の鍵を登録しました（指紋：%s）。これで書き出しができます", "Office key enrolled (fingerprint %s): exports can be made now")
X(MSG_ENROL_FAILED, "鍵を登録できませんでした：%s", "The key could not be enrolled: %s")
X(MSG_NOTES_SAVED, "保存しました %s", "Saved %s")
X(MSG_NOTES_TOO_LONG, "「%s」は長すぎるため、%d KB までを残しました", "\"%s\" is too long: the first %d KB were kept")
X(MSG_NOTES_UNSAVED, "保存できません（%s）。入力は残っていて、数秒ごとに保存し直します", "Not saved (%s). What you typed is kept and saving is retried every few seconds")
X(MSG_SAVE_FULL, "ディスクの空きがありません", "the disk is full")
X(MSG_SAVE_READONLY, "保存先が読み取り専用です", "the drive is read-only")
X(MSG_SAVE_IO, "ディスクに書き込めません", "the disk cannot be written")
X(MSG_NOTES_LOST, "保存できなかったメモがあります", "a note could not be saved")
X(MSG_NOTES_QUIT_UNSAVED, "まだ保存できていないメモがあります。もう一度閉じると、入力した内容は失われます", "A note is not saved yet. Close again to quit and lose what was typed")
X(MSG_F_CHANNEL, "相談の方法", "Channel")
X(MSG_F_EVENT, "イベント名", "Event")
X(MSG_F_CONSULTANT, "相談員", "Consultant")
X(MSG_F_SCRIBE, "記録者", "Scribe")
X(MSG_F_COMPANY, "会社名（任意）", "Company (optional)")
X(MSG_F_INDUSTRY, "業種（任意）", "Industry (optional)")
X(MSG_F_SIZE, "規模（任意）", "Size (optional)")
X(MSG_F_QUESTION, "相談内容", "Question")
X(MSG_F_CATEGORY, "分類", "Category")
X(MSG_F_LAW, "法律違反の可能性", "Possible law violation")
X(MSG_F_LEGAL, "法律相談", "Legal consultation")
X(MSG_F_ANSWER, "① 対策（具体的な解決策）", "(1) Countermeasure")
X(MSG_F_REFERRALS, "② 相談先", "(2) Referred to")
X(MSG_F_REFTEXT, "② 相談先（その他）", "(2) Other referrals")
X(MSG_F_FOLLOWUP, "フォローアップが必要", "Follow-up needed")
X(MSG_F_FAQ, "FAQ 候補", "FAQ candidate")
X(MSG_F_MEMO, "メモ", "Notes")
X(MSG_CAT_BREACH, "緊急：セキュリティ侵害", "Urgent: breach")
X(MSG_CAT_OUTAGE, "緊急：システム障害", "Urgent: outage")
X(MSG_CAT_PREVENTION, "事前予防対策", "Prevention")
X(MSG_CAT_GENERAL, "対策全般（啓発）", "General measures")
X(MSG_CAT_SAFETY, "生活安全（犯罪の疑い）", "Everyday safety (crime)")
X(MSG_CAT_OTHER, "セキュリティ関連外", "Not security")
X(MSG_CAT_GUIDEBOOK, "ガイドブック送付依頼", "Guidebook request")
X(MSG_CH_SEMINAR, "セミナー", "Seminar")
X(MSG_CH_VISIT, "訪問", "Visit")
X(MSG_CH_WINDOW, "窓口", "Window")
X(MSG_CH_PHONE, "電話", "Phone")
X(MSG_CH_MAIL, "メール", "E-mail")

/* Carrying notes to the office: keys, the sealed export, import, CSV */
X(MSG_SEAL_EMPTY, "ファイルが空です（0 バイト）", "the file is empty (0 bytes)")
X(MSG_SEAL_NOT_OURS, "窓口の書き出しファイル（.mdgx）ではありません", "not a Madoguchi export (.mdgx)")
X(MSG_SEAL_VERSION, "このバージョンでは読めない形式のファイルです", "a format version this build cannot read")
X(MSG_SEAL_OTHER_OFFICE, "別の事務局の鍵で封をしたファイルです（キオスクに登録した鍵を確かめてください）",
  "sealed to another office's key (check the key enrolled on the kiosk)")
X(MSG_SEAL_TRUNCATED, "ファイルが途中で切れています（書き出しの途中で USB メモリを抜いたかもしれません）",
  "the file is cut short (was the stick pulled out during the export?)")
X(MSG_SEAL_DAMAGED, "ファイルが壊れているか、書き換えられています", "the file is damaged or has been altered")
X(MSG_SEAL_TOO_BIG, "ファイルが大きすぎます", "the file is too large")
X(MSG_SEAL_PASSPHRASE, "事務局のパスフレーズが違います", "wrong office passphrase")
X(MSG_SEAL_KEY_BAD, "事務局の鍵ではありません", "not an office key")
X(MSG_SEAL_KEY_TYPO, "鍵のチェックサムが合いません。写し間違いがないか確かめてください",
  "the key's checksum does not match: check it for a typo")
X(MSG_SEAL_UNSIGNED, "署名のない古い形式（版 1）の書き出しファイルです。窓口の端末を新しくしてから書き出し直してください",
  "an old, unsigned export (format 1): update the kiosk and export again")
X(MSG_SEAL_NO_MEMORY, "鍵の計算に必要なメモリが足りません", "not enough memory to derive the key")
X(MSG_OFFICE_MADE, "事務局の鍵を作りました (指紋 %s)", "office key made (fingerprint %s)")
X(MSG_OFFICE_EXISTS, "%s にはもう事務局の鍵があります", "%s already holds an office key")
X(MSG_OFFICE_NONE, "%s に事務局の鍵がありません (madoguchi office init で作ります)",
  "%s holds no office key (make one with madoguchi office init)")
X(MSG_OFFICE_KEY_WRITTEN, "事務局の鍵を %s に書きました（指紋：%s）。この USB メモリを窓口の端末に差し、職員画面の「事務局の鍵を登録」で登録します",
  "office key written to %s (fingerprint %s): plug the stick into the kiosk and use Enrol the office key in the staff screen")
X(MSG_KIOSK_NO_KEY, "%s に事務局の鍵が登録されていません (madoguchi kiosk enrol KEY)",
  "%s has no office key enrolled (madoguchi kiosk enrol KEY)")
X(MSG_KIOSK_ENROLLED, "事務局の鍵を登録しました。指紋 %s が事務局のものと同じか確かめてください",
  "office key enrolled; check that the fingerprint %s matches the office's")
X(MSG_KIOSK_SIGNER, "この端末の署名鍵：指紋 %s（事務局は最初の取り込みでこの鍵を記録します）",
  "this kiosk's signing key: fingerprint %s (the office records it at the first import)")
X(MSG_KIOSK_KEY_FILE, "鍵のファイルを読めません: %s", "cannot read the key file: %s")
X(MSG_PASS_PROMPT, "事務局のパスフレーズ: ", "Office passphrase: ")
X(MSG_PASS_AGAIN, "確認のため、もう一度: ", "Again, to confirm: ")
X(MSG_PASS_MISMATCH, "2 回の入力が違いました", "the two entries differ")
X(MSG_PASS_SHORT, "パスフレーズは 12 文字以上にしてください", "the passphrase must be at least 12 characters")
X(MSG_PASS_NONE, "パスフレーズがありません (MADOGUCHI_PASSPHRASE を設定するか、端末から実行してください)",
  "no passphrase (set MADOGUCHI_PASSPHRASE or run this from a terminal)")
X(MSG_SYNC_NO_OUT, "書き出し先を -o FILE.mdgx で指定してください", "give the export file with -o FILE.mdgx")
X(MSG_SYNC_NOTHING, "書き出す相談記録はありません (前回の書き出しから変更なし)", "nothing to export: no note changed since the last export")
X(MSG_SYNC_EXPORTED, "相談記録 %d 件 (%d 版) を %s に書き出し、読み戻して確かめました (書き出し番号 %d)",
  "%d notes (%d revisions) written to %s and read back intact (export number %d)")
X(MSG_SYNC_VERIFY, "書き出したファイルを読み戻すと内容が違いました。別の USB メモリで試してください: %s",
  "the file read back differs from what was written; try another stick: %s")
X(MSG_SYNC_NO_FILES, "取り込むファイル (.mdgx) を指定してください", "name the export files (.mdgx) to import")
X(MSG_SYNC_DIR, "%s: フォルダです。書き出しファイル (.mdgx) を指定してください", "%s: a folder; name the export files (.mdgx) in it")
X(MSG_SYNC_READ, "%s: 読めません: %s", "%s: cannot read: %s")
X(MSG_SYNC_BAD_BODY, "%s: 封は正しいのに中身が読めません: %s", "%s: sealed correctly but its contents are not valid: %s")
X(MSG_SYNC_IMPORTED, "取り込みました: 新規 %d 件、更新 %d 件、変更なし %d 件、競合 %d 件",
  "imported: %d new, %d updated, %d unchanged, %d conflicts")
X(MSG_SYNC_NEW_SIGNER, "端末 %.8s の署名鍵を初めて記録しました（指紋：%s）。この端末の書き出しは、以後この鍵で確かめます",
  "kiosk %.8s: its signing key recorded on first use (fingerprint %s); its exports are checked against it from now on")
X(MSG_SYNC_OTHER_SIGNER, "%s：端末 %.8s の書き出しですが、記録済みの署名鍵（指紋：%s）ではなく別の鍵（指紋：%s）で署名されています。偽の書き出しのおそれがあるので、何も取り込んでいません",
  "%s: an export from kiosk %.8s signed with another key than the one recorded (recorded: fingerprint %s; this file: fingerprint %s): possibly forged, nothing imported")
X(MSG_SYNC_NO_CONFLICTS, "競合している相談記録はありません", "no conflicts")
X(MSG_SYNC_NEED_KEEP, "使い方: notes resolve ID --keep 版 (版は notes show ID --all-revisions で確かめます)",
  "usage: notes resolve ID --keep REV (see the revisions with notes show ID --all-revisions)")
X(MSG_SYNC_RESOLVED, "%s: 版 %s を残して競合を解決しました", "%s: resolved, keeping revision %s")
X(MSG_CONFLICT_F_ID, "記録の ID", "Note id")
X(MSG_CONFLICT_F_CREATED, "作成日時", "Created")
X(MSG_CONFLICT_F_UPDATED, "更新日時", "Updated")
X(MSG_CONFLICT_F_KIOSK, "記録した端末", "Taken on")
X(MSG_CONFLICT_YES, "はい", "yes")
X(MSG_CONFLICT_NO, "いいえ", "no")
X(MSG_CONFLICT_BADGE, "競合", "Conflict")
X(MSG_CONFLICT_COUNT, "競合している記録が %d 件あります。開いて、残す版を選んでください", "%d notes are in conflict: open one to choose the version to keep")
X(MSG_CONFLICT_TITLE, "競合の解決", "Resolve a conflict")
X(MSG_CONFLICT_INTRO, "この記録は %d か所で別々に編集されました。違う項目（%d 項目）に色を付けています。残す版の「こちらを残す」を押してください", "This note was edited in %d places apart. The %d fields that differ are marked. Press Keep this one under the version to keep")
X(MSG_CONFLICT_SIDE_HERE, "版 %d：このデータベースで編集（%.8s）", "Version %d: edited here (%.8s)")
X(MSG_CONFLICT_SIDE_FROM, "版 %d：ほかの端末で編集（%.8s）", "Version %d: edited on another machine (%.8s)")
X(MSG_CONFLICT_WHEN, "%s に保存", "saved %s")
X(MSG_CONFLICT_SHOWN, "いま一覧に出ている版", "shown in the list now")
X(MSG_CONFLICT_KEEP, "こちらを残す", "Keep this one")
X(MSG_CONFLICT_DIFFERS, "%s（違いあり）", "%s (differs)")
X(MSG_CONFLICT_SAME, "どの版でも同じ項目", "The same in every version")
X(MSG_CONFLICT_EMPTY, "（空欄）", "(empty)")
X(MSG_CONFLICT_CONFIRM, "版 %d を残します。ほかの版はこの版に置き換わります（どの版も履歴には残ります）。よろしいですか？", "Keep version %d? The other versions are replaced by it (every version stays in the history).")
X(MSG_CONFLICT_CONFIRM_YES, "残す", "Keep it")
X(MSG_CONFLICT_CANCEL, "やめる", "Cancel")
X(MSG_CONFLICT_FAILED, "競合を解決できませんでした：%s", "The conflict could not be resolved: %s")
X(MSG_CONFLICT_GONE, "この記録はもう競合していません", "This note is no longer in conflict")
X(MSG_SYNC_AMBIGUOUS, "%s で始まる id が複数あります。もう少し長く指定してください", "more than one id starts with %s: give more of it")
X(MSG_SYNC_FIXED, "%s は作成時に決まる項目のため変更できません", "%s is set when a note is made and cannot be edited")
X(MSG_SYNC_PURGE_FLAG, "notes purge には --exported を付けてください (書き出していない記録は消しません)",
  "notes purge needs --exported (a note never exported is never purged)")
X(MSG_SYNC_PURGED, "書き出し済みの相談記録 %d 件をこの端末から消しました", "%d exported notes removed from this machine")
X(MSG_SYNC_PURGE_AFTER, "書き出しから %d 日たった相談記録は、次からの書き出しと窓口の起動のたびにこの端末から消します",
  "from now on each export and each start of the kiosk removes the notes exported more than %d days before")
X(MSG_SYNC_PURGE_OFF, "書き出した記録を自動では消しません%.0d", "exported notes are no longer removed by themselves%.0d")
X(MSG_SYNC_SINCE, "--since は 2026-04-01 のように日付で指定してください: %s", "--since takes a date such as 2026-04-01: %s")
X(MSG_REV_REPLACES, "置き換える版:", "replaces:")
X(MSG_REV_HEAD, "最新", "head")
X(MSG_REV_SHOWN, "表示中", "shown")
X(MSG_ERR_NO_OUTPUT_CSV, "保存先を -o FILE.csv で指定してください", "give the output file with -o FILE.csv")
X(MSG_CSV_ENCODING, "--encoding は utf-8 か cp932 です: %s", "--encoding takes utf-8 or cp932: %s")
X(MSG_CSV_LACK, "相談記録 %s の %s: 「%s」(U+%04X) は CP932 にないため ? にしました",
  "note %s, field %s: '%s' (U+%04X) is not in CP932 and was written as ?")
X(MSG_CSV_WRITTEN, "相談記録 %d 件を %s に書き出しました", "%d notes written to %s")
X(MSG_FAQ_NONE, "FAQ 候補の相談記録はありません", "no note is marked as an FAQ candidate")

/* Handouts */
X(MSG_CONSULT_TITLE, "ご相談の内容とアドバイス", "Your consultation and our advice")
X(MSG_CONSULT_DATE, "相談日 %04d年%02d月%02d日", "Date %04d-%02d-%02d")
X(MSG_CONSULT_QUESTION, "ご相談の内容", "What you asked")
X(MSG_CONSULT_ANSWER, "① 対策", "(1) What to do")
X(MSG_CONSULT_REFS, "② 相談・届出先", "(2) Who can help further")
X(MSG_CONSULT_READ, "ガイドブックの関連する章", "Guidebook chapters to read")

/* Printing and saving handouts */
X(MSG_PRINT_TITLE, "印刷・保存", "Print or save")
X(MSG_PRINT_BUTTON, "印刷", "Print")
X(MSG_PRINT_COPIES, "部数 %d", "%d copies")
X(MSG_PRINT_SAVE_TO, "%s に保存", "Save to %s")
X(MSG_PRINT_MAKING, "作成しています…", "Making the handout…")
X(MSG_PRINT_PROGRESS, "作成しています… %d%%", "Making the handout… %d%%")
X(MSG_PRINT_READY, "%s（%d ページ）", "%s (%d pages)")
X(MSG_PRINT_SENT, "プリンター %s に送りました（%d 部）", "Sent to printer %s (%d copies)")
X(MSG_PRINT_NO_PRINTER, "プリンターがありません。USBメモリなどに保存してください", "No printer. Save to a USB stick instead")
X(MSG_PRINT_FAILED, "印刷できませんでした：%s", "Printing failed: %s")
X(MSG_PRINT_SAVED, "保存しました：%s", "Saved: %s")
X(MSG_PRINT_NO_DRIVE, "USBメモリが見つかりません", "No USB stick found")
X(MSG_PRINT_ERROR, "作成できませんでした：%s", "Could not make the handout: %s")
X(MSG_PRINT_SAVE_FAILED, "保存できませんでした（%s）：%s", "Not saved (%s): %s")
X(MSG_PRINT_OPEN, "印刷・保存", "Print / save")

/* Hostile or broken files (check, and the kiosk's own log) */
X(MSG_ERR_PIC_UNKNOWN, "対応していない画像の形式です (PNG、JPEG、GIF、WebP、SVG にしてください): %s",
  "unsupported picture format (use PNG, JPEG, GIF, WebP or SVG): %s")
X(MSG_ERR_PIC_TRUNCATED, "画像のファイルが途中で切れています: %s", "the picture file is cut short: %s")
X(MSG_ERR_PIC_BAD, "画像として読めません: %s", "not a readable picture: %s")
X(MSG_ERR_PIC_TOO_LARGE, "画像が大きすぎます: %s (%d x %d ピクセル。一辺 %d ピクセル、全体 %d 百万ピクセルまで)",
  "picture too large: %s (%d x %d pixels; at most %d a side and %d million in all)")
X(MSG_ERR_PIC_FILE_TOO_LARGE, "画像のファイルが大きすぎます: %s (%d MB。%d MB まで)",
  "picture file too large: %s (%d MB; at most %d MB)")
X(MSG_ERR_EPUB_MIMETYPE, "最初のファイルが mimetype (application/epub+zip) ではありません",
  "the first entry is not a mimetype of application/epub+zip")
X(MSG_ERR_EPUB_IDREF, "spine の idref が manifest にありません: %s", "spine idref not in the manifest: %s")
X(MSG_ERR_EPUB_SPINE_DUP, "spine に同じ章が二度あります (二度目は読みません): %s",
  "the spine lists a chapter twice (read once): %s")
X(MSG_ERR_EPUB_SPINE_LONG, "spine が長すぎます (最初の %d 章だけ読みます)",
  "the spine is too long (only the first %d chapters are read)")
X(MSG_ERR_EPUB_TOO_BIG, "本の文書が大きすぎます (%d MB まで読みます): %s",
  "the book's documents are too large (at most %d MB is read): %s")
X(MSG_ERR_EPUB_ENTITY, "DTD で実体を宣言している文書は読みません", "a document whose DTD declares entities is not read")
X(MSG_ERR_BINARY, "テキストのファイルではありません (バイナリのデータです)", "not a text file (binary data)")
X(MSG_WARN_LONG_PARA, "段落が長すぎます (%d KB。表示が遅くなるので分けてください)",
  "a paragraph of %d KB (split it: long paragraphs are slow to lay out)")
X(MSG_ERR_TABLE_SPAN_PAST, "結合したセルが表の終わりを越えています（rowspan=%d、残りは %d 行）",
  "a merged cell runs past the end of its table (rowspan=%d, %d rows left)")
X(MSG_ERR_TABLE_OVERLAP, "表のセルが重なっています（%d 行目の %d 列目）",
  "table cells overlap (row %d, column %d)")
X(MSG_ERR_TABLE_SPAN_BIG, "結合したセルが大きすぎます（%d。最大 %d）",
  "a merged cell is too large (%d; at most %d)")
X(MSG_WARN_TABLE_RAGGED, "表の %d 行目は %d 列で、表は %d 列です",
  "row %d of this table has %d columns, the table %d")
X(MSG_WARN_TABLE_WIDE, "表の列が多すぎて画面で読めません（%d 列。%d 列までにしてください）",
  "a table of %d columns cannot be read on screen (keep to %d)")
