from sms_tui.cli import main

raise SystemExit(main())
