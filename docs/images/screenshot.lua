-- Neovim set-up for docs/images/editor-hover.png (see make-screenshot): MeshLint's diagnostics as
-- virtual text and signs, then the hover of the pod template's metadata: the pod's modelled
-- start-up. Neovim 0.7 API.
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.laststatus = 0
vim.o.ruler = false
vim.o.showmode = false
vim.cmd('syntax on')
vim.diagnostic.config({ virtual_text = { source = false, prefix = '■' }, severity_sort = true })
-- Plain colours for the hover: Neovim 0.7's defaults paint floats magenta.
vim.cmd([[
  highlight NormalFloat ctermbg=236 ctermfg=252
  highlight FloatBorder ctermbg=236 ctermfg=244
  highlight markdownBold cterm=bold ctermfg=229
  highlight markdownCode ctermfg=152
  highlight markdownCodeDelimiter ctermfg=152
  highlight markdownH1 cterm=bold ctermfg=229
]])
vim.lsp.handlers['textDocument/hover'] = vim.lsp.with(vim.lsp.handlers.hover, { border = 'rounded', max_width = 110 })
-- After start-up, when the file given on the command line is the current buffer.
vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local bufnr = vim.api.nvim_get_current_buf()
    local id = vim.lsp.start_client({ name = 'meshlint', cmd = { os.getenv('MESHLINT_SERVER'), 'server' }, root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(bufnr, id)
    local function hover_when_linted()
      if #vim.diagnostic.get(bufnr) < 2 then
        vim.defer_fn(hover_when_linted, 200)
        return
      end
      -- The pod template's metadata: the hover shows the pod's modelled start-up.
      vim.fn.search('^  template:')
      vim.cmd('normal! j0w')
      vim.lsp.buf.hover()
    end
    vim.defer_fn(hover_when_linted, 200)
  end,
})
