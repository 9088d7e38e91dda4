"""Showing, printing and saving documents: the print preview.

Nothing is imported with the package: ``preview_dialog`` (with ``preview_layout`` and
``pdf_output``) loads QtPdf and QtPrintSupport, so the pages import it only when
someone asks to print.
"""
