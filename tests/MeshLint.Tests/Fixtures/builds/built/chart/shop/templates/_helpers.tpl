{{- define "shop.name" -}}{{ .Chart.Name }}{{- end -}}
