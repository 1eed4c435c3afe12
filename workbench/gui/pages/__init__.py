"""The app's pages: each one screen of the flow, shown in the main window's stack."""
